"""The notice's views of who answers for the data: joint controllers (Art 26), the
recipients' roles and locations, complaints routes and parts given in another notice."""

from __future__ import annotations

from dataclasses import replace

from privacymap.index import FlowView
from privacymap.model import UNKNOWN, JointController, Recipient
from privacymap.notice.legal import LawViews
from privacymap.notice.parts import ContactView, ElsewhereView, JointView, LinkView
from privacymap.notice.wording import (
    COUNTRIES,
    ELSEWHERE_PARTS,
    ELSEWHERE_SECTION,
    JOINT_EACH,
    LOCATION_UNKNOWN,
    RECIPIENT_ROLES,
    address_lines,
    once,
)
from privacymap.text import join_words


def addresses_once(contacts: tuple[ContactView, ...]) -> tuple[ContactView, ...]:
    """The contacts in page order, each address printed once: a contact whose address is
    the same, line for line (spacing aside), as one before it names that one's heading.
    Different addresses, however alike, are all printed."""
    first: dict[tuple[str, ...], ContactView] = {}
    out = []
    for c in contacts:
        key = tuple(" ".join(line.split()) for line in c.address)
        earlier = first.setdefault(key, c) if key else c
        if earlier is c:
            out.append(c)
        else:
            out.append(replace(c, address=(), address_as=earlier.heading))
    return tuple(out)


class WhoViews(LawViews):
    """Views of joint controllers, recipients' roles, complaints and layered notices."""

    def controller(self) -> ContactView:
        c = self.dm.controller
        return ContactView(
            heading="Data controller",
            lines=(c.name,),
            address=address_lines(c.address),
            email=c.email,
            telephone=c.telephone,
            url=LinkView(f"{c.name} website", c.website) if c.website else None,
            form=LinkView(f"Contact {c.name} online", c.contact_form) if c.contact_form else None,
            notes_md=f"ICO registration number: {c.ico_registration}"
            if c.ico_registration
            else None,
        )

    def joint(self) -> JointView | None:
        """The joint controllers and their arrangement, or None when there are none."""
        joint = self.dm.joint_controllers
        if not joint:
            return None
        names = join_words([self.dm.controller.name, *(j.name for j in joint)])
        arrangement = self.dm.joint_arrangement
        return JointView(
            sentence=f"{names} decide together how your information is used: we are "
            "“joint controllers”.",
            controllers=tuple(self.joint_controller(j) for j in joint),
            essence_md=arrangement.essence if arrangement else None,
            requests_md=arrangement.requests if arrangement else None,
            notice_md=arrangement.notice if arrangement else None,
            document=LinkView("Our arrangement as joint controllers", arrangement.document)
            if arrangement and arrangement.document
            else None,
            each=JOINT_EACH,
        )

    def joint_controller(self, j: JointController) -> ContactView:
        activities = self.index.resolve("activities", j.activities)
        scope = (
            "Joint controller for: " + "; ".join(a.name for a in activities) + "."
            if activities
            else "Joint controller for everything in this notice."
        )
        notes = "\n\n".join(x for x in (j.description, scope, j.responsibilities) if x)
        dpo = None
        if j.dpo is not None:
            reach = once((j.dpo.email, j.dpo.telephone, j.dpo.url))
            dpo = f"Data Protection Officer: {', '.join(reach)}" if reach else None
        return ContactView(
            heading="Joint controller",
            lines=(j.name, *((dpo,) if dpo else ())),
            address=address_lines(j.address),
            email=j.email,
            telephone=j.telephone,
            url=LinkView(f"{j.name} website", j.website) if j.website else None,
            form=LinkView(f"Contact {j.name} online", j.contact_form) if j.contact_form else None,
            notes_md=notes,
        )

    def recipient_role(self, r: Recipient, flows: tuple[FlowView, ...]) -> str | None:
        """The recipient's role(s) in words: its own, and any a flow to it gives instead."""
        if r.internal:
            return None  # listed under "Within ..." already
        roles = once(self.index.flow_role(f) for f in flows if f.recipient is r) or once((r.role,))
        words = [RECIPIENT_ROLES[x] for x in roles if x in RECIPIENT_ROLES]
        if not words:
            return None
        text = "; for some information, ".join(words)
        return text.format(org=self.dm.controller.name)

    def recipient_location(self, r: Recipient) -> str | None:
        """Where the recipient holds the data, as a sentence, when that is abroad, a
        region or not known; None in the UK or where the map does not say."""
        parts = []
        if r.abroad:  # every country the map names, the UK too: none is dropped
            known = [COUNTRIES.get(c, c) for c in r.countries if c != UNKNOWN]
            parts.append("Based in " + join_words(known))
        if r.region:
            parts.append(f"Where it holds your information: {r.region}")
        if UNKNOWN in r.countries:
            parts.append(LOCATION_UNKNOWN)
        return ". ".join(parts) or None

    def engaged_by(self, r: Recipient) -> str | None:
        processor = self.index.recipients.get(r.engaged_by) if r.engaged_by else None
        return f"Works for {processor.name}, which works for us" if processor else None

    def complaint_contacts(self) -> tuple[ContactView, ...]:
        """Who takes complaints, on one line each; the DPO when the map names no route."""
        found = self.index.complaint_contacts()
        route = self.dm.complaints.route if self.dm.complaints else False
        if not found and not route and self.dm.dpo:
            found = (self.dm.dpo,)
        return tuple(replace(self.contact(c, "Complain to us"), brief=True) for c in found)

    def elsewhere(self) -> dict[str, tuple[ElsewhereView, ...]]:
        """The parts given in another notice, by the generated section they belong to."""
        out: dict[str, list[ElsewhereView]] = {}
        for part in ELSEWHERE_PARTS:
            entry = self.index.given_elsewhere(part)
            if entry is None:
                continue
            view = ElsewhereView(ELSEWHERE_PARTS[part], LinkView(entry.title, entry.url))
            out.setdefault(ELSEWHERE_SECTION[part], []).append(view)
        return {k: tuple(v) for k, v in out.items()}
