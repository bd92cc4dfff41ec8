"""The onboarding path of a new member, day by day, following the method's advice for phase 6.

Day 0 a personal welcome (by the charter's welcoming role, else the manager) in the main channel; day 1
the house rules in short (the charter's first rules); day 3 an invitation to introduce oneself with a
topic of the charter; day 7 a first small contribution (the first ritual); day 14 a check-in by a
core-group buddy; day 30 a personal message to whoever has done nothing yet, with an invitation to the
next meeting (the first physical format of the mix); day 60 an invitation to take a role.
"""

from __future__ import annotations

from agents.launch.announcement import ritual_phrase
from agents.launch.launch_context import LaunchContext
from artefacts.grounds import Grounds
from artefacts.launch import OnboardingStep

WELCOME_WORDS = ("welk", "welcom", "greet", "ontvang", "onboard", "gastvr", "gastheer", "host")
MAX_RULES = 3


def onboarding(ctx: LaunchContext) -> list[OnboardingStep]:
    guide = ctx.guidance("onboarding")
    main = ctx.main_channel
    charter = ctx.charter
    has_charter = ["charter-draft"] if charter is not None else []
    welcomer = ctx.role_holder(*WELCOME_WORDS)
    steps = [
        OnboardingStep(
            day=0,
            what=ctx.say("onboard_welcome"),
            who=welcomer,
            channel=main,
            grounds=Grounds(artefacts=[*has_charter, "channel-plan"], guidance=guide),
        )
    ]
    rules = [item.text.rstrip(".") for item in (charter.house_rules if charter else [])[:MAX_RULES]]
    if rules:
        what, grounds = ctx.say("onboard_rules", rules="; ".join(rules)), Grounds(artefacts=has_charter)
    else:
        what, grounds = ctx.say("onboard_rules_missing"), Grounds(assumed=True)
        ctx.assume("assumed_no_house_rules", warn=True)
    steps.append(OnboardingStep(day=1, what=what, who=welcomer, channel=main, grounds=grounds))
    steps.append(_introduction(ctx, welcomer))
    buddy = ctx.say("buddy") if ctx.core_size >= 2 else ctx.manager
    if ctx.first_ritual is not None:
        first = ctx.say("onboard_first_step", ritual=ritual_phrase(ctx, ctx.first_ritual))
        first_grounds = Grounds(artefacts=has_charter, guidance=guide)
    else:
        first, first_grounds = ctx.say("onboard_first_step_plain"), Grounds(guidance=guide)
    steps.append(OnboardingStep(day=7, what=first, who=buddy, channel=main, grounds=first_grounds))
    steps.append(
        OnboardingStep(
            day=14,
            what=ctx.say("onboard_check_in"),
            who=buddy,
            channel=main,
            grounds=Grounds(artefacts=["core-group"] if ctx.core_group else [], guidance=guide),
        )
    )
    meeting = ctx.meeting_channel
    steps.append(
        OnboardingStep(
            day=30,
            what=ctx.say("onboard_day30_meet", meeting=meeting) if meeting else ctx.say("onboard_day30"),
            who=ctx.manager,
            channel=meeting or main,
            grounds=Grounds(artefacts=["channel-plan"] if meeting else [], guidance=guide),
        )
    )
    roles = [role.name for role in (charter.roles if charter else [])]
    steps.append(
        OnboardingStep(
            day=60,
            what=ctx.say("onboard_role", roles=", ".join(roles)) if roles else ctx.say("onboard_role_plain"),
            who=ctx.manager,
            channel=main,
            grounds=Grounds(artefacts=has_charter if roles else [], guidance=ctx.guidance("rhythm")),
        )
    )
    return steps


def _introduction(ctx: LaunchContext, who: str) -> OnboardingStep:
    charter = ctx.charter
    topic = charter.topics[0].text.rstrip(".") if charter and charter.topics else None
    if topic is None and ctx.concept is not None and ctx.concept.themes:
        topic = ctx.concept.themes[0].title
        grounds = Grounds(artefacts=["concept-hypotheses"], need_ids=ctx.concept.themes[0].need_ids)
    else:
        grounds = Grounds(artefacts=["charter-draft"]) if topic else Grounds(assumed=True)
    what = ctx.say("onboard_intro_topic", topic=topic) if topic else ctx.say("onboard_intro")
    return OnboardingStep(day=3, what=what, who=who, channel=ctx.main_channel, grounds=grounds)
