"""The announcement and the personal invitation, in the organisation's own words.

Rules: the text says what the community is (the concept's name and purpose), for whom (the concept's
target groups, else the persona), what it brings (the persona's gains), how it goes (the charter's first
recurring ritual) and where (the channel mix, main channel first); it is dated on the launch day. The
method advises that core-group members announce rather than the organisation, so the sender is the
core group with the community manager, and the invitation is a message a member sends a peer.
"""

from __future__ import annotations

import datetime as dt

from agents.launch.launch_context import LaunchContext
from artefacts.core_group import Ritual
from artefacts.grounds import Grounds
from artefacts.launch import Message

MAX_GAINS = 3


def ritual_phrase(ctx: LaunchContext, ritual: Ritual) -> str:
    cadence = str(ctx.words["cadence"][ritual.cadence])
    if ritual.weekday is not None:
        cadence += " " + ctx.say("on_weekday", day=ctx.weekday(ritual.weekday))
    return f"{ritual.name} ({cadence})"


def audience(ctx: LaunchContext) -> tuple[str, Grounds]:
    if ctx.concept is not None and ctx.concept.target_groups:
        return ", ".join(ctx.concept.target_groups), Grounds(artefacts=["concept-hypotheses"])
    if ctx.persona is not None:
        return ctx.persona.who.text, Grounds(artefacts=["persona"], need_ids=ctx.persona.who.need_ids)
    segments = ctx.inputs.project.organisation.target_segments
    if segments:
        return ", ".join(segments), Grounds(settings=["organisation.target_segments"])
    return ctx.assume("assumed_audience", warn=True), Grounds(assumed=True)


def gains(ctx: LaunchContext) -> list[str]:
    persona = ctx.persona
    if persona is None or not persona.gets:
        ctx.assume("assumed_no_gains", warn=True)
        return []
    return [_sentence_part(t.text) for t in persona.gets[:MAX_GAINS]]


def _sentence_part(text: str) -> str:
    text = " ".join(text.split()).rstrip(".")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def senders(ctx: LaunchContext) -> str:
    group = ctx.core_group
    names = [c.person for c in group.candidates[:3]] if group is not None else []
    if not names:
        return ctx.manager
    return ctx.say("sent_by", people=", ".join(names), manager=ctx.manager)


def announcement(ctx: LaunchContext, day: dt.date, found: list[str]) -> Message:
    """``found``: the persona's gains (:func:`gains`)."""
    purpose = ctx.concept.purpose if ctx.concept is not None else ctx.inputs.project.organisation.description
    who, who_grounds = audience(ctx)
    parts = [ctx.say("announce_open", name=ctx.community_name, purpose=purpose.rstrip(".")), ""]
    parts.append(ctx.say("announce_for", audience=who))
    if found:
        parts.append(ctx.say("announce_gains", gains="; ".join(found)))
    if ctx.first_ritual is not None:
        parts += ["", ctx.say("announce_ritual", ritual=ritual_phrase(ctx, ctx.first_ritual))]
    channels = [o.name for o in ctx.mix] or [ctx.main_channel]
    parts += ["", ctx.say("announce_join", channel=ctx.main_channel, date=day.isoformat())]
    grounds = Grounds(
        need_ids=ctx.concept.need_ids if ctx.concept else [],
        artefacts=list(
            dict.fromkeys(
                [
                    a
                    for a, present in (
                        ("concept-hypotheses", ctx.concept),
                        ("persona", found),
                        ("charter-draft", ctx.first_ritual),
                        ("channel-plan", ctx.mix),
                        ("core-group", ctx.core_group),
                    )
                    if present
                ]
                + who_grounds.artefacts
            )
        ),
        settings=who_grounds.settings,
        guidance=ctx.guidance("onboarding", "pitfalls"),
    )
    return Message(
        title=ctx.say("announce_title", name=ctx.community_name),
        text="\n".join(parts).strip(),
        channels=channels,
        date=day,
        audience=who,
        sender=senders(ctx),
        grounds=grounds,
    )


def invitation(ctx: LaunchContext, day: dt.date, found: list[str]) -> Message:
    purpose = ctx.concept.purpose if ctx.concept is not None else ctx.community_name
    lines = [
        ctx.say("invite_hello"),
        "",
        ctx.say("invite_why", name=ctx.community_name, purpose=purpose.rstrip(".")),
    ]
    if found:
        lines.append(ctx.say("invite_gain", gain=found[0]))
    if ctx.first_ritual is not None:
        lines.append(ctx.say("invite_ritual", ritual=ritual_phrase(ctx, ctx.first_ritual)))
    lines += [
        "",
        ctx.say("invite_join", channel=ctx.main_channel, date=day.isoformat()),
        ctx.say("invite_end"),
    ]
    return Message(
        title=ctx.say("invite_title", name=ctx.community_name),
        text="\n".join(lines),
        channels=[ctx.main_channel],
        date=day,
        audience=ctx.say("invite_audience"),
        sender=ctx.say("invite_sender"),
        grounds=Grounds(
            artefacts=[a for a, ok in (("concept-hypotheses", ctx.concept), ("persona", found),
                                       ("charter-draft", ctx.first_ritual), ("channel-plan", ctx.mix)) if ok],
            guidance=ctx.guidance("onboarding"),
        ),
    )  # fmt: skip
