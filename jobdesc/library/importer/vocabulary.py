"""The words the importer recognises: section headings, lead-ins, clause topics and page noise, per language."""

import re

# Headings: the phrase a section heading starts with, in the normalised form (lower case, «е» for «ё»).
# A heading may carry one leading qualifier («Основные задачи», «Töötajate kohustused») and a tail
# naming the position («Права менеджера по продажам»).
HEADINGS = {
    "ru": [
        ("общие положения", "general"),
        ("основные положения", "general"),
        ("общие сведения", "general"),
        ("документы, регламентирующие деятельность", "general"),
        ("квалификационные требования", "qualification"),
        ("требования к квалификации", "qualification"),
        ("требования к специалисту", "qualification"),
        ("должен знать", "knowledge"),
        ("должен уметь", "skills"),
        ("навыки", "skills"),
        ("подчиненность", "subordination"),
        ("взаимоотношения по должности", "subordination"),
        ("функции", "functions"),
        ("задачи", "functions"),
        ("должностные обязанности", "duties"),
        ("обязанности", "duties"),
        ("права", "rights"),
        ("ответственность", "responsibility"),
        ("служебные связи", "relationships"),
        ("взаимоотношения", "relationships"),
        ("взаимодействие", "relationships"),
        ("условия работы", "working_conditions"),
        ("условия труда", "working_conditions"),
        ("условия оплаты труда", "working_conditions"),
        ("режим работы", "working_conditions"),
        ("критерии оценки", "evaluation"),
        ("оценка работы", "evaluation"),
        ("заключительные положения", "final"),
        # Headings found in organisations' own instructions beyond the usual list.
        ("область применения", "general"),
        ("обозначения и сокращения", "general"),
        ("термины и определения", "general"),
        ("термины, определения и сокращения", "general"),
        ("нормативные ссылки", "general"),
        ("назначение должности", "general"),
        ("цель должности", "general"),
        ("цели и задачи должности", "functions"),
        ("основные цели", "functions"),
        ("требования к образованию", "qualification"),
        ("требования к работнику", "qualification"),
        ("требования к кандидату", "qualification"),
        ("требования к знаниям", "knowledge"),
        ("трудовые функции", "functions"),
        ("полномочия", "rights"),
        ("служебные отношения", "relationships"),
        ("связи по должности", "relationships"),
        ("порядок взаимодействия", "relationships"),
        ("режим рабочего времени", "working_conditions"),
        ("оценка деятельности", "evaluation"),
        ("оценка результатов", "evaluation"),
        ("оценка эффективности", "evaluation"),
        ("показатели эффективности", "evaluation"),
        ("показатели оценки", "evaluation"),
        ("изменения и дополнения", "final"),
        ("порядок внесения изменений", "final"),
        ("порядок утверждения", "final"),
        ("согласование", "final"),
        ("хранение", "final"),
        ("рассылка", "final"),
        ("прочие условия", "final"),
        ("прочие положения", "final"),
    ],
    "et": [
        ("üldsätted", "general"),
        ("üldosa", "general"),
        ("kvalifikatsiooninõuded", "qualification"),
        ("alluvus", "subordination"),
        ("funktsioonid", "functions"),
        ("ülesanded", "functions"),
        ("töökohustused", "duties"),
        ("kohustused", "duties"),
        ("õigused", "rights"),
        ("vastutus", "responsibility"),
        ("teenindusühendused", "relationships"),
        ("töösuhted", "relationships"),
        ("töötingimused", "working_conditions"),
        ("hindamiskriteeriumid", "evaluation"),
        ("lõppsätted", "final"),
        ("ametiülesanded", "duties"),
        ("tööülesanded", "duties"),
        ("üldandmed", "general"),
        ("ametikoha eesmärk", "general"),
        ("eesmärk", "general"),
        ("nõuded", "qualification"),
        ("teadmised", "knowledge"),
        ("oskused", "skills"),
        ("koostöö", "relationships"),
        ("hindamine", "evaluation"),
        ("muudatused", "final"),
    ],
}

# Headings beyond the phrases above, by their key noun: the first noun of a short heading, after at most
# one qualifier («Трудовые обязанности», «Права работника», «Знания», «Подчинение»), by its dictionary
# form. `HEADING_QUALIFIED` needs its qualifier («Общая часть», «Прочие условия»); `HEADING_REQUIREMENTS`
# names what «Требования к …» are about; a heading about the instruction itself («Порядок пересмотра
# инструкции», «Срок действия инструкции», «Ознакомление с инструкцией») closes it: the final provisions.
HEADING_NOUNS = {
    "знание": "knowledge",
    "умение": "skills",
    "навык": "skills",
    "квалификация": "qualification",
    "подчинение": "subordination",
    "подчинённость": "subordination",
    "подчиненность": "subordination",
    "функция": "functions",
    "задача": "functions",
    "цель": "functions",
    "обязанность": "duties",
    "право": "rights",
    "полномочие": "rights",
    "ответственность": "responsibility",
    "взаимодействие": "relationships",
    "взаимоотношение": "relationships",
    "связь": "relationships",
    "режим": "working_conditions",
    "оценка": "evaluation",
    "критерий": "evaluation",
    "показатель": "evaluation",
}
HEADING_QUALIFIED = {
    ("общий", "положение"): "general",
    ("общий", "часть"): "general",
    ("общий", "сведение"): "general",
    ("основной", "положение"): "general",
    ("заключительный", "положение"): "final",
    ("заключительный", "часть"): "final",
    ("прочий", "положение"): "final",
    ("прочий", "условие"): "final",
    ("итоговый", "положение"): "final",
}
HEADING_REQUIREMENTS = {
    "квалификация": "qualification",
    "образование": "qualification",
    "опыт": "qualification",
    "стаж": "qualification",
    "кандидат": "qualification",
    "работник": "qualification",
    "специалист": "qualification",
    "знание": "knowledge",
    "навык": "skills",
    "умение": "skills",
}
# What a heading about the document says it is about: «пересмотр инструкции», «изменения и дополнения».
DOCUMENT_TOPICS = {
    "пересмотр",
    "изменение",
    "дополнение",
    "утверждение",
    "согласование",
    "ознакомление",
    "хранение",
    "рассылка",
    "срок",
    "действие",
    "актуализация",
    "введение",
    "вступление",
    "порядок",
}
DOCUMENT_WORDS = {"инструкция"}
# Estonian has no dictionary here: stems of the key word of a heading.
HEADING_STEMS_ET = [
    (r"^(?:ametijuhendi|juhendi)\b|muutmi|muudatus|lõpp", "final"),
    (r"^üld", "general"),
    (r"kvalifikatsioon|nõuded|haridus", "qualification"),
    (r"teadmis", "knowledge"),
    (r"oskus", "skills"),
    (r"alluvus", "subordination"),
    (r"ametiülesan|tööülesan|kohustus", "duties"),
    (r"ülesan|funktsioon|eesmärk", "functions"),
    (r"õigus|volitus", "rights"),
    (r"vastutus", "responsibility"),
    (r"koostöö|suhted|suhtlus", "relationships"),
    (r"töötingimus|tööaeg|töökorraldus", "working_conditions"),
    (r"hindami", "evaluation"),
]

# Document titles: «Должностная инструкция менеджера по продажам», «ИНСТРУКЦИЯ МЕНЕДЖЕРА …»,
# «Описание работы менеджера по развитию»; the group is the position in the genitive.
TITLE_RE = {
    "ru": re.compile(
        r"^(?:образец\s+)?(?:(?:должностн(?:ая|ой)\s+)?инструкци[яи]|описание\s+(?:работы|должности))"
        r"(?:\s*(?P<separator>[:—–-]))?\s+(?P<position>.+)$",
        re.IGNORECASE,
    ),
    "et": re.compile(r"^(?:(?P<position>\S+)\s+)?(?:ametijuhend|ametikirjeldus|tööjuhend|juhend)\b.*$", re.IGNORECASE),
}

# A title with no position yet: the position follows on the next line.
BARE_TITLE_RE = {
    "ru": re.compile(r"^(?:должностная\s+)?инструкция(?:\s*(?:№|N)\s*[\w/.-]*)?[.:]?$", re.IGNORECASE),
    "et": re.compile(r"^ametijuhend$", re.IGNORECASE),
}
# A legal reference system's header names the document: «Наименование документа: Должностная инструкция …».
# A title in a Word heading style that numbers the headings carries the list's first number
# («1. ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ …»), which is not part of it.
TITLE_PREFIX_RE = re.compile(
    r"^(?:(?:наименование|название)\s+документа\s*:\s*|\d{1,2}\.\s+(?=(?:образец\s+)?(?:должностн|инструкци|ametijuhend)))",
    re.IGNORECASE,
)
# An English title printed beside the Russian one.
FOREIGN_TITLE_RE = re.compile(r"^(?:job|position|role)\s+(?:description|instruction|profile)\b[^а-яё]*$", re.IGNORECASE)

# Lead-ins name the section of the list that follows them. The topic mentioned last wins, since
# the predicate («…, обязан:») comes at the end of the sentence.
LEAD_IN_TOPICS = {
    "ru": [
        (r"руководств(?:уется|оваться)", "guidance"),
        (
            r"(?:должен|должна)\s+знать\s+и\s+уметь|(?:должен|должна|обязан[аы]?|должны)\s+знать|обладать\s+знаниями",
            "knowledge",
        ),
        (r"(?:должен|должна|должны)\s+уметь", "skills"),
        (r"имеет\s+право|вправе|правами|комплексом\s+прав|права\s*:", "rights"),
        (r"ответственност|отвечает\s+за", "responsibility"),
        (r"обязанност|обязан[аы]?\b|возлагаются", "duties"),
        (r"функци|задач", "functions"),
        (r"квалификац|претендовать|предъявляются|требовани[яй]\s+к\s+кандидат", "qualification"),
        (r"критери\w*\s+оценки", "evaluation"),
        (r"взаимоотношения\s+по\s+должности|подчин", "subordination"),
        (r"служебные\s+связи|взаимодейств", "relationships"),
    ],
    "et": [
        (r"peab\s+teadma", "knowledge"),
        (r"peab\s+oskama", "skills"),
        (r"õigus", "rights"),
        (r"vastut", "responsibility"),
        (r"kohustu|kohustatud", "duties"),
        (r"(?<!ameti)(?<!töö)ülesan|funktsioon", "functions"),
        (r"ametiülesan|tööülesan", "duties"),
        (r"kvalifikatsioon|nõuded\s+kandidaat", "qualification"),
        (r"hindamis", "evaluation"),
        (r"alluv|annab\s+aru", "subordination"),
    ],
}

# A lead-in that only describes how a document is built («состоит из нескольких разделов:»):
# the list after it names sections, it holds no clauses.
STRUCTURE_LEAD_IN_RE = re.compile(
    r"раздел|части\s*:|такие\s+пункты|состоит\s+из|\bosa\b|\bosast\b|jaotis|peatük", re.IGNORECASE
)

# Labels of table-like rows («2.3 / знания / …») whose values are separate clauses of one section.
LIST_LABELS = {
    "знания": "knowledge",
    "должен знать": "knowledge",
    "навыки": "skills",
    "умения": "skills",
    "должен уметь": "skills",
    "обязанности": "duties",
    "права": "rights",
    "ответственность": "responsibility",
}

# Where a clause belongs by what it says. `MOVE_ALWAYS` wins over any heading because no right or duty
# is worded like this; `MOVE_FROM_GENERAL` only sorts clauses that arrived under «Общие положения»
# (or under «Квалификационные требования», which sources often mix knowledge and skills into).
MOVE_ALWAYS = {
    "ru": [
        (r"образовани[еяю]\b.*\b(?:стаж|опыт)|(?:стаж|опыт)\w*\b.*\bобразовани[еяю]\b", "qualification"),
        (r"\bподчиняется\b|\bнаходится\s+в\s+подчинении|\bподчинение\b", "subordination"),
        (
            r"относится\s+к\s+категории|на\s+время\s+(?:его\s+)?отсутствия|в\s+отсутствие\s|"
            r"назначается\s+на\s+должность\s+и\s+освобождается|назначение\s+на\s+должность.*производится",
            "general",
        ),
    ],
    "et": [
        (r"\ballub\b|annab\s+aru", "subordination"),
        (r"kategooriasse|äraoleku\s+ajal", "general"),
    ],
}
MOVE_FROM_GENERAL = {
    "ru": [
        (r"^(?:профессиональные\s+)?знани|должен\s+знать", "knowledge"),
        (r"^(?:профессиональные\s+)?навык|^умени|должен\s+уметь", "skills"),
        (
            r"образовани[еяю]\b|\bстаж\b|опыт\s+работы|квалификац\w*\s+требовани|"
            r"(?:принимается|назначается|допускается|допускаются|принимаются|назначаются)\s+(?:\w+\s+){0,3}лиц|"
            r"\bлиц[оа],?\s+(?:не\s+)?(?:имеющ|обучающ|прошедш|получивш|обладающ|достигш)",
            "qualification",
        ),
        (r"\bподчин|отда[её]т\s+распоряжения|прямое\s+подчинение", "subordination"),
        (r"служебные\s+связи|взаимодейств\w*\s+с\b", "relationships"),
        (r"критери\w*\s+оценки", "evaluation"),
        (r"режим\s+работы|условия\s+труда|условия\s+оплаты|график\s+работы", "working_conditions"),
        (r"возлагаются\s+функции", "functions"),
    ],
    "et": [
        (r"haridus|töökogemus|staaž|kandidaat|nõutav", "qualification"),
        (r"peab\s+teadma", "knowledge"),
    ],
}

# Paragraphs that are never part of an instruction: adverts, navigation, comments, salary surveys,
# signature blanks. They are skipped wherever they appear, even in the middle of an instruction.
NOISE_RE = re.compile(
    r"|".join(
        [
            r"^другие инструкции",
            r"^читайте\s+(?:также|так\s+же)",
            r"^оцените статью",
            r"^добавить комментарий",
            r"^ваш адрес email",
            r"^статьи по теме",
            r"^предложения от наших партн",
            r"^рекомендуем ознакомиться",
            r"^подробнее о",
            r"^утверждаю\b",
            r"^утверждено\b",
            r"^kinnitan\b",
            r"^наименование должности\s*:",
            r"^\(подпись\)|^\(фамилия",
            # Page numbers of a printout: «Страница 2 из 3», «- 3 -», «стр. 4».
            r"^(?:страница|стр\.|page|lk\.?|lehekülg)\s*\d{1,3}(?:\s*(?:из|of|/)\s*\d{1,3})?$|^[-–—]\s*\d{1,3}\s*[-–—]$",
            r"^вид документа\s*:",
            # The header a legal reference system prints above a document.
            r"^(?:тип|номер|статус|редакция)\s+документа\s*:|^(?:принявший|издавший)\s+орган\s*:",
            r"^дата\s+(?:принятия|начала\s+действия|редакции|публикации|вступления\s+в\s+силу)\s*:",
            r"^(?:статус|опубликован\w*|источник\s+публикации)\s*:",
            r"^ключевые слова\s*:",
            r"calltouch|liveagent|superjob|консультантплюс|moscow business school|prom-nadzor|зарплатомер",
            # Salary figures («115 000 руб.»), not a clause that mentions an amount.
            r"^(?:от|до)?\s*[\d\s\-—–,.]+(?:тыс\.\s*)?(?:руб\.|рублей\b)",
            r"(?:зарплат|заработн|доход)\w*[^.]{0,60}(?:\bруб\.|\bрублей\b)|\brubla\b",
            r"https?://|www\.|\.ru\b|\.com\b",
            r"мы поможем|заказать обзор|подписка на|прайс-лист на|не нашли нужного",
            r"try out|free trial|handle all customer|march \d+, \d{4}",
            r"^оптимизируйте|^привлекайте|^платформа омниканального|^эффективный маркетинг|^сквозная аналитика",
            r"^вкладывайте|^оценивайте эффективность|^чат для сайта|^увеличьте количество|^общайтесь с клиентами",
            r"общий каталог|^просмотреть резюме|^методика расчета",
            r"lugege artiklit|vaata seda videot|järgmises videos|alla laadida|^kokkupuutel$",
            r"leiad kogu info|siit leiate",
            r"artikkel aitab|aitab teil seda|veebiteenuste abil|proovige seda",
        ]
    ),
    re.IGNORECASE,
)

# A web page's furniture around the text: links to download, print or share it, menus and breadcrumbs.
# Such a line is short, starts with one of these words and is no sentence and no numbered clause
# (`classify.is_page_furniture`), so a duty such as «печать и копирование документов;» stays a clause.
FURNITURE_RE = re.compile(
    r"^(?:"
    r"скача\w*|загрузи\w*|выгрузи\w*|распечата\w*|напечата\w*|печать|версия\s+для\s+печати|поделит\w*|"
    r"отправи\w*|сохрани\w*|скопирова\w*|копирова\w*|подпиши\w*|подписат\w*|главная|меню|наверх|назад|"
    r"вернуться|поиск|найти|войти|вход|регистрация|комментари\w*|прокомментир\w*|ответить|в\s+избранное|"
    r"избранное|закрыть|показать|развернуть|свернуть|смотреть|посмотреть|открыть|ещё|еще|контакты|реклама|"
    r"мы\s+в\s+соц\w*|вконтакте|одноклассники|telegram|телеграм\w*|whatsapp|viber|facebook|twitter|"
    r"образец\s+в\s+(?:word|pdf|doc)|шаблон\s+в\s+(?:word|pdf|doc)|"
    r"laadi|lae\s+alla|prindi|trüki|jaga|salvesta|menüü|avaleht|tagasi|otsi|logi\s+sisse|"
    r"download|print|share|save|menu|home|back|search|log\s+in|subscribe"
    r")(?![\w-])",
    re.IGNORECASE,
)
# Breadcrumbs: «Главная / Кадры / Должностные инструкции», three steps at least (a title with its English
# translation, «Должностная инструкция кладовщика / Job description», has two).
BREADCRUMB_RE = re.compile(r"^[^/›»>|]{1,40}(?:\s+[/›»>|]\s+[^/›»>|]{1,60}){2,6}$")
FURNITURE_WORDS = 8

# Paragraphs after which an instruction is over: signature blocks, reference lists, comment forms.
END_RE = re.compile(
    r"^(?:согласовано|с инструкцией ознакомлен|руководитель структурного подразделения|источники$|"
    r"оцените статью|добавить комментарий|ознакомлен\b|allkiri|tutvunud|"
    # The acknowledgement or agreement sheet at the end, and who drafted the instruction.
    r"лист\s+(?:ознакомления|согласования|регистрации)|инструкцию\s+(?:разработал|составил|подготовил)|"
    r"tutvumisleht|olen\s+(?:ametijuhendiga\s+)?tutvunud|kooskõlastatud|koostaja\b)",
    re.IGNORECASE,
)

# How article prose starts; an instruction's clause never opens like this.
PROSE_START_RE = re.compile(
    r"^(?:это|этот|эта|эти|как|однако|поэтому|кроме того|если|но|ну|важно|обратите внимание|предупреждение|"
    r"так|здесь|таким образом|например|впрочем|действительно|итак|хотя|чем|вы|мы|помимо|среди|"
    r"в зависимости|в целом|в отличие|другими словами|на самом деле|на практике|благодаря|"
    r"see|need|samuti|kuid|seetõttu|lisaks|näiteks|tavaliselt|enamik|kui|nagu)\b",
    re.IGNORECASE,
)

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "г",
    "гг",
    "др",
    "пр",
    "т",
    "п",
    "пп",
    "ст",
    "ч",
    "н",
    "им",
    "руб",
    "тыс",
    "млн",
    "см",
    "рис",
    "табл",
    "гл",
    "ул",
    "д",
    "кв",
    "обл",
    "р",
    "жк",
    "jms",
    "jne",
    "nt",
    "vt",
    "nn",
    "st",
}

# Words that open an article's question-like sub-heading («Какие обязанности …»), never a section heading.
INTERROGATIVES = {
    "какие",
    "какой",
    "какая",
    "что",
    "чем",
    "кто",
    "как",
    "зачем",
    "почему",
    "для",
    "mida",
    "mis",
    "kes",
    "kuidas",
}

# Grammatical subjects that stand for the position in general words; they are not its title.
GENERIC_SUBJECTS = {
    "работник",
    "сотрудник",
    "специалист",
    "служащий",
    "менеджер",
    "руководитель",
    "данный",
    "töötaja",
    "juht",
    "spetsialist",
}

# Verbs after which the words before them are the position («Менеджер по продажам относится …»).
SUBJECT_VERB_RE = {
    "ru": re.compile(
        r"^(?P<subject>[А-ЯЁA-Z][^,:;()]{2,80}?)\s+(?:относится|назначается|подчиняется|должен|обязан|имеет\s+право|"
        r"нес[её]т|вправе|отвечает|руководствуется|выполняет)\b"
    ),
    "et": re.compile(r"^(?P<subject>[A-ZÕÄÖÜŠŽ][^\s,:;()]{3,40})\s+(?:kuulub|peab|vastutab|allub|juhindub)\b"),
}
