"""Command palette entries: every flow the signed-in role may start."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider

from counter.i18n import _
from screens.home import flows_for, open_flow


class FlowCommands(Provider):
    async def search(self, query: str) -> Hits:
        app = self.app
        if app.actor is None:
            return
        matcher = self.matcher(query)
        for flow in flows_for(app.actor):
            label = _(flow.label)
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(open_flow, app, flow), help=flow.key.upper())
