"""Help pages without internal type names (`<list[Path]>`, `<bool>`): an option shows its metavar
or its choices, an argument or a flag nothing beside its name."""

from __future__ import annotations

from functools import partial
from typing import Any

from typer.core import TyperCommand, TyperGroup


def _label(param: Any, ctx: Any) -> str | None:
    if getattr(param, "is_flag", False) or param.param_type_name == "argument":
        return None
    if param.metavar is not None:
        return param.metavar
    if param.type_descriptor.is_choice:
        return param.display_type(ctx).strip("<>")
    return param.name.upper()


def _without_type_names(params: list) -> list:
    for param in params:
        param.display_type_rich = partial(_label, param)
    return params


class Command(TyperCommand):
    """A command whose help shows no type names."""

    def get_params(self, ctx: Any) -> list:
        return _without_type_names(super().get_params(ctx))


class Group(TyperGroup):
    """A command group whose help shows no type names."""

    def get_params(self, ctx: Any) -> list:
        return _without_type_names(super().get_params(ctx))
