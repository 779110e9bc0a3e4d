"""`sitroom actors ...`: the workspace's parties and claimants, each change audited."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import DbOption, JsonOption, refuse_on
from sitroom.cli.grade_commands import WhoOption, default_who
from sitroom.domain import Actor, ActorKind
from sitroom.geo.actors import bundled_actors, workspace_parties
from sitroom.store.actors import actors_in_order, add_actor, add_alias
from sitroom.store.database import open_store

actors_app = typer.Typer(
    help="Parties and claimants: who speaks, who is a party to the conflict, the names "
    "reports give them. The bundled ones (claimants.toml) are defaults the workspace's "
    "own override and extend.",
    no_args_is_help=True,
)
app.add_typer(actors_app, name="actors")


def _line(actor: Actor, colour: str | None) -> str:
    what = [actor.kind.value, "a party to the conflict" if actor.is_party else "not a party"]
    if actor.parent:
        what.append(f"of {actor.parent}")
    if colour:
        what.append(f"map colour {colour}")
    aliases = f"; also: {', '.join(actor.aliases)}" if actor.aliases else ""
    where = "stored" if actor.id is not None else "bundled"
    return f"{actor.name} ({', '.join(what)}; {where}){aliases}"


@actors_app.command("add")
def actors_add(
    name: Annotated[str, typer.Argument(help="The actor's name, as the briefing shows it.")],
    alias: Annotated[
        list[str] | None,
        typer.Option("--alias", help="Another name reports give it; repeat for several."),
    ] = None,
    kind: Annotated[
        ActorKind | None,
        typer.Option(
            "--kind",
            help="person, organisation, armed_group, government, un_agency, ngo, media, ...",
            show_default=False,
        ),
    ] = None,
    parent: Annotated[
        str | None,
        typer.Option("--parent", help="The organisation it belongs to or speaks for."),
    ] = None,
    party: Annotated[
        bool | None,
        typer.Option(
            "--party/--not-party",
            help="A party to the conflict, or not. Default: as stored, else not.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    who: WhoOption = None,
) -> None:
    """Add an actor, or change a stored one (kind, parent, party flag, more aliases).

    A party that is not a person and belongs to no other party is a side: territory
    claims name it through its aliases ("the RSF took 40% of Khartoum") and the control
    map gives it a colour of its own. Each change goes to the audit trail; an alias
    another actor goes by is refused.

    \b

    \b
    Example: sitroom actors add "Rapid Support Forces" --alias RSF --alias "al-Da'am al-Sari'" --kind armed_group --party
    """
    with refuse_on(), open_store(db).session() as session:
        actor, entries = add_actor(
            session,
            name,
            who or default_who(),
            aliases=alias or (),
            kind=kind,
            parent=parent,
            party=party,
            known=bundled_actors(),
        )
    changed = ", ".join(e.what.replace("_", " ") for e in entries) or "unchanged"
    typer.echo(f"{_line(actor, None)}: {changed}")


@actors_app.command("alias")
def actors_alias(
    name: Annotated[str, typer.Argument(help="The actor, by any name it goes by.")],
    alias: Annotated[str, typer.Argument(help="Another name reports give it.")],
    db: DbOption = None,
    who: WhoOption = None,
) -> None:
    """Give an actor another name reports use for it; the change goes to the audit trail.

    A bundled actor is stored with the new alias. An alias another stored actor goes by
    is refused; an unknown actor is refused with the closest names.

    \b

    \b
    Example: sitroom actors alias "Armed opposition groups" "armed factions"
    """
    with refuse_on(), open_store(db).session() as session:
        actor, entry = add_alias(session, name, alias, who or default_who(), known=bundled_actors())
    typer.echo(f'{actor.name}: alias "{alias}"' + ("" if entry else " (already)"))


@actors_app.command("list")
def actors_list(
    db: DbOption = None,
    as_json: JsonOption = False,
    parties_only: Annotated[
        bool, typer.Option("--parties", help="Only the parties to the conflict.")
    ] = False,
) -> None:
    """List the actors the workspace knows: the bundled ones with the stored changes,
    then its own; each side with its map colour.

    \b

    \b
    Example: sitroom actors list --parties
    """
    with refuse_on(), open_store(db, create=False).session() as session:
        parties = workspace_parties(actors_in_order(session))
    shown = [a for a in parties.actors if a.is_party or not parties_only]
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {
                        "name": a.name,
                        "kind": a.kind.value,
                        "aliases": list(a.aliases),
                        "parent": a.parent,
                        "party": a.is_party,
                        "side": a.name in parties.colours,
                        "colour": parties.colours.get(a.name),
                        "stored": a.id is not None,
                    }
                    for a in shown
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for actor in shown:
        typer.echo(_line(actor, parties.colours.get(actor.name)))
