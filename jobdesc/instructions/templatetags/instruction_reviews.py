"""Template tags that flag an instruction whose position changed after it was approved."""

from django import template

from jobdesc.instructions.reviews import services as reviews

register = template.Library()


@register.simple_tag
def out_of_date_ids(positions):
    """The ids of `positions` (a page of them) whose instruction in force is out of date, in one query."""
    return reviews.out_of_date_positions(position.pk for position in positions)


@register.inclusion_tag("instructions/_out_of_date.html")
def review_flag(version):
    return {"out_of_date": reviews.is_out_of_date(version), "version": version}
