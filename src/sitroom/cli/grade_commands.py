"""`sitroom grade ...`: Admiralty grades for sources and claims, each change audited."""

from __future__ import annotations

import getpass
import os
from typing import Annotated

import typer

from sitroom.analysis.voices import default_voices, with_stored
from sitroom.cli import app
from sitroom.cli.common import DbOption, refuse_on
from sitroom.store.actors import actor_id, list_actors
from sitroom.store.database import open_store
from sitroom.store.grades import (
    CREDIBILITY,
    RELIABILITY,
    credibility_grade,
    reliability_grade,
    set_actor_party,
    set_claim_credibility,
    set_source_reliability,
)

grade_app = typer.Typer(
    help="Grade sources (reliability A-F) and claims (credibility 1-6), NATO Admiralty scale; "
    "say which claimants are parties to the conflict.",
    no_args_is_help=True,
)
app.add_typer(grade_app, name="grade")


def default_who() -> str:
    """Who makes a change, for the audit trail: $USER, else the login name."""
    return os.environ.get("USER") or getpass.getuser()


WhoOption = Annotated[
    str | None,
    typer.Option(
        "--who", help="Who sets the grade, for the audit trail. Default: $USER.", show_default=False
    ),
]


@grade_app.command("source")
def grade_source(
    source_id: Annotated[int, typer.Argument(metavar="ID", help="The source's id.")],
    grade: Annotated[str, typer.Argument(help="A (completely reliable) to F (cannot be judged).")],
    db: DbOption = None,
    who: WhoOption = None,
) -> None:
    """Set a source's reliability grade, A to F; the change goes to the audit trail.

    Source ids are in `sitroom sources` and in a briefing's footnotes ("source 2").

    \b

    \b
    Example: sitroom grade source 1 B
    """
    with refuse_on():
        letter = reliability_grade(grade)  # refused before the database is opened
        with open_store(db, create=False).session() as session:
            entry = set_source_reliability(session, source_id, letter, who or default_who())
    meaning = RELIABILITY[letter]
    if entry is None:
        typer.echo(f"source {source_id}: reliability already {letter} ({meaning})")
    else:
        typer.echo(f"source {source_id}: reliability {entry.before} -> {letter} ({meaning})")


@grade_app.command("claim")
def grade_claim(
    claim_id: Annotated[int, typer.Argument(metavar="ID", help="The claim's id.")],
    grade: Annotated[str, typer.Argument(help="1 (confirmed) to 6 (cannot be judged).")],
    db: DbOption = None,
    who: WhoOption = None,
) -> None:
    """Set a claim's credibility grade, 1 to 6; the change goes to the audit trail.

    Claim ids are in `sitroom claims` and in a briefing's footnotes ("claim 7"). A figure
    stated several times in one source is one footnote of several claims: grading any
    of them grades the figure (the footnote shows the best grade of its mentions).

    \b

    \b
    Example: sitroom grade claim 1 2
    """
    with refuse_on():
        number = credibility_grade(grade)
        with open_store(db, create=False).session() as session:
            entry = set_claim_credibility(session, claim_id, number, who or default_who())
    meaning = CREDIBILITY[number]
    if entry is None:
        typer.echo(f"claim {claim_id}: credibility already {number} ({meaning})")
    else:
        typer.echo(f"claim {claim_id}: credibility {entry.before} -> {number} ({meaning})")


@grade_app.command("actor")
def grade_actor(
    name: Annotated[str, typer.Argument(help="The claimant, by any name it goes by.")],
    party: Annotated[
        bool,
        typer.Option(
            "--party/--not-party",
            help="A party to the conflict (or one who speaks for one), or not.",
        ),
    ],
    db: DbOption = None,
    who: WhoOption = None,
) -> None:
    """Say whether a claimant is a party to the conflict; the change goes to the audit trail.

    The briefing marks a figure that only parties give ("a party to the conflict; no
    independent source agrees"). Known claimants come with sitroom (claimants.toml) and
    are found by any of their names ("Rudskoy" is Sergei Rudskoy, of the Russian
    Ministry of Defence); a new name is stored. --not-party also stops a claimant
    counting for a party it belongs to.

    \b

    \b
    Example: sitroom grade actor "Syrian Observatory for Human Rights" --not-party
    """
    with refuse_on(), open_store(db, create=False).session() as session:
        known = with_stored(default_voices(), list_actors(session)).resolve(name)
        actor = known.name if known is not None else name.strip()
        # a claimant known from claimants.toml is stored as sitroom knows it, so the
        # audit trail shows the change from that
        stored = actor_id(session, actor, is_party=known.is_party if known else False)
        entry = set_actor_party(session, stored, party, who or default_who())
    called = f' ("{name}")' if actor != name.strip() else ""
    now = "a party to the conflict" if party else "not a party to the conflict"
    typer.echo(f"actor {actor}{called}: {now}" + ("" if entry else " (already)"))
