"""Staff import: the staff list (штатное расписание) and the employee list as 1С:ЗУП exports them, XLSX or CSV.

`reading` turns a file into rows keyed by column (headers found by name, in any order), `planning`
checks every row against the organisation and says what would be created, updated or left alone
(or why a row is bad), and `applying` writes a plan without errors in one transaction.
"""
