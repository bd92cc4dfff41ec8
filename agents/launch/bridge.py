"""The bridge between community and organisation, both ways.

Community → organisation is the route the stakeholder brief agreed (phase 3b), step by step with who
and within how many days; when it has none, a route following the method is assumed and marked.
Organisation → community is one step the method asks for: plans that affect members are shared early,
with an invitation to think along.
"""

from __future__ import annotations

from agents.launch.launch_context import LaunchContext
from artefacts.core_group import RouteStep

ASSUMED_DAYS = (7, 14, 30)


def bridge(ctx: LaunchContext) -> list[RouteStep]:
    route = list(ctx.brief.route) if ctx.brief is not None else []
    if not route:
        ctx.assume("assumed_route", warn=True)
        collect, answer, report = ASSUMED_DAYS
        route = [
            RouteStep(step=ctx.say("route_collect"), who=ctx.manager, within_days=collect),
            RouteStep(step=ctx.say("route_answer"), who=ctx.say("route_department"), within_days=answer),
            RouteStep(step=ctx.say("route_report"), who=ctx.manager, within_days=report),
        ]
    route.append(RouteStep(step=ctx.say("route_outward"), who=ctx.manager))
    return route
