"""`sitroom users`, `sitroom review` and `sitroom audit`: who may write, reviews of claims,
and the trail of every change."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import DbOption, refuse_on
from sitroom.cli.grade_commands import WhoOption, default_who
from sitroom.domain import ReviewAction, Role, SitroomError
from sitroom.store.database import open_store

users_app = typer.Typer(
    help="Users of the dashboard and API: roles (viewer, editor, admin) and their tokens.",
    no_args_is_help=True,
)
app.add_typer(users_app, name="users")

RoleArgument = Annotated[
    Role,
    typer.Option("--role", help="viewer: reads; editor: also reviews; admin: also users."),
]


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="The user's name, as reviews and audits show it.")],
    role: RoleArgument = Role.VIEWER,
    db: DbOption = None,
    who: WhoOption = None,
) -> None:
    """Add a user and print their token, once: it is stored only as a hash.

    The token goes in the API's `Authorization: Bearer TOKEN` header, or on the
    dashboard's sign-in page.

    \b
    Example: sitroom users add amal --role editor
    """
    from sitroom.store.users import add_user

    with refuse_on():
        store = open_store(db)
        with store.write_session() as session:
            user, token = add_user(session, name, role, who or default_who())
    typer.echo(f"{user.name} ({user.role}): token {token}", err=True)
    typer.echo("the token is shown once; keep it where a password goes", err=True)
    typer.echo(token)


@users_app.command("list")
def users_list(db: DbOption = None) -> None:
    """List the users: name, role, created, revoked.

    \b
    Example: sitroom users list
    """
    from sitroom.store.users import list_users

    with refuse_on():
        store = open_store(db, create=False)
        with store.session() as session:
            users = list_users(session)
    for user in users:
        revoked = f"revoked {user.revoked_at:%Y-%m-%d}" if user.revoked_at else "active"
        typer.echo(f"{user.name}\t{user.role}\t{user.created_at:%Y-%m-%d}\t{revoked}")


@users_app.command("revoke")
def users_revoke(
    name: Annotated[str, typer.Argument(help="The user whose token stops working.")],
    db: DbOption = None,
    who: WhoOption = None,
) -> None:
    """Revoke a user's token; their past reviews stay, with their name.

    \b
    Example: sitroom users revoke amal
    """
    from sitroom.store.users import revoke_user

    with refuse_on():
        store = open_store(db, create=False)
        with store.write_session() as session:
            user = revoke_user(session, name, who or default_who())
    typer.echo(f"{user.name}: revoked")


@users_app.command("role")
def users_role(
    name: Annotated[str, typer.Argument(help="The user.")],
    role: Annotated[Role, typer.Argument(help="viewer, editor or admin.")],
    db: DbOption = None,
    who: WhoOption = None,
) -> None:
    """Change a user's role.

    \b
    Example: sitroom users role amal admin
    """
    from sitroom.store.users import set_role

    with refuse_on():
        store = open_store(db, create=False)
        with store.write_session() as session:
            user = set_role(session, name, role, who or default_who())
    typer.echo(f"{user.name}: {user.role}")


def _changes(pairs: list[str]) -> dict[str, str]:
    changes: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise SitroomError(f'--set "{pair}": give FIELD=VALUE (an empty VALUE clears it)')
        changes[name.strip()] = value
    return changes


@app.command("review")
def review(
    claim_id: Annotated[int, typer.Argument(metavar="CLAIM_ID", help="The claim's id.")],
    reviewer: Annotated[
        str,
        typer.Option(
            "--reviewer", help="The user reviewing (an editor or admin of `sitroom users`)."
        ),
    ],
    confirm: Annotated[bool, typer.Option("--confirm", help="The claim is right.")] = False,
    reject: Annotated[
        str | None,
        typer.Option("--reject", metavar="REASON", help="The claim is wrong, for this reason."),
    ] = None,
    changes: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="FIELD=VALUE",
            help="Correct a field (value, low, high, qualifier, indicator, unit, group, place, "
            "origin, destination, subject, window, window_start, window_end, claimant, "
            "part_of); repeat for several. The extracted value is kept beside it.",
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Why, for the audit trail.")] = None,
    db: DbOption = None,
) -> None:
    """Review a claim: confirm it, reject it with a reason, or correct its fields.

    Briefings follow reviews: a rejected claim drops out, a corrected one reads with the
    reviewer's values and its footnote says what was changed, by whom and when
    (`sitroom briefing --reviewed` counts reviewed claims only). Every review is in
    `sitroom audit --claim CLAIM_ID`.

    \b
    Example: sitroom review 30 --set place="Old City of Aleppo" --note "per the map" --reviewer amal
    Also: sitroom review 30 --confirm --reviewer amal
          sitroom review 31 --reject "the same sites as claim 30" --reviewer amal
    """
    from sitroom.store.reviews import review_claim
    from sitroom.store.users import get_user

    chosen = [confirm, reject is not None, bool(changes)]
    if sum(chosen) != 1:
        typer.echo("error: give one of --confirm, --reject REASON or --set FIELD=VALUE", err=True)
        raise typer.Exit(2)
    if confirm:
        action = ReviewAction.CONFIRM
    elif reject is not None:
        action, note = ReviewAction.REJECT, reject if note is None else f"{reject} ({note})"
    else:
        action = ReviewAction.EDIT
    with refuse_on():
        edits = _changes(changes or [])
        store = open_store(db, create=False)
        with store.write_session() as session:
            claim = review_claim(
                session, claim_id, action, get_user(session, reviewer), changes=edits, note=note
            )
    edited = f" ({', '.join(claim.edited)} edited)" if claim.edited else ""
    typer.echo(f"claim {claim_id}: {claim.review}{edited} by {claim.reviewed_by}")


@app.command("audit")
def audit(
    claim: Annotated[
        int | None, typer.Option("--claim", metavar="ID", help="Only this claim's entries.")
    ] = None,
    user: Annotated[
        str | None, typer.Option("--user", metavar="NAME", help="Only the changes of this user.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line.")] = False,
    db: DbOption = None,
) -> None:
    """List the audit trail, oldest first: reviews, grades, users, settings.

    \b
    Example: sitroom audit --claim 12
    """
    from sitroom.store.audit import list_audit

    with refuse_on():
        store = open_store(db, create=False)
        with store.session() as session:
            entries = list_audit(session, "claim" if claim is not None else None, claim)
    for entry in entries:
        if user is not None and entry.who != user:
            continue
        if as_json:
            record = {
                "id": entry.id,
                "at": entry.at.isoformat(),
                "who": entry.who,
                "what": entry.what,
                "entity": entry.entity,
                "entity_id": entry.entity_id,
                "before": entry.before,
                "after": entry.after,
            }
            typer.echo(json.dumps(record, ensure_ascii=False))
        else:
            typer.echo(
                f"{entry.at:%Y-%m-%d %H:%M}\t{entry.who}\t{entry.what}\t"
                f"{entry.entity} {entry.entity_id}\t{entry.before} -> {entry.after}"
            )
