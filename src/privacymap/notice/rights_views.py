"""The notice's sections about what happens next and what people can do: retention,
rights, automated decisions, the requirement to provide data, complaints."""

from __future__ import annotations

from dataclasses import replace

from privacymap import law
from privacymap.model import (
    AutomatedDecisionMaking,
    Contact,
    Retention,
)
from privacymap.notice.parts import (
    AutomatedView,
    CitationView,
    ComplaintsView,
    ContactView,
    LinkView,
    RequirementView,
    RetentionRowView,
    RetentionView,
    RightsView,
    RightView,
)
from privacymap.notice.who import WhoViews
from privacymap.notice.wording import (
    DISPOSAL,
    RIGHT_LEAD,
    TRIGGERS,
    WITHOUT_CONSENT,
    gap,
)
from privacymap.text import join_words


class RightsViews(WhoViews):
    """Views of retention, rights, automated decisions, the requirement to provide data
    and complaints; `SectionViews` adds the sections about the data itself."""

    def retention_row(self, r: Retention) -> RetentionRowView:
        whose = self.names("subjects", [r.subject] if r.subject else [])
        start = TRIGGERS[r.trigger] if r.trigger else None
        if start is None and r.start_event:
            start = f"from {r.start_event}"
        if start and whose:
            start += f" ({whose[0]})"
        parts = []
        if r.kind == "until-event":
            parts.append(f"Until {r.until}" if r.until else "Until an event not stated")
        if r.period:
            period = law.period_in_words(r.period)
            parts.append(
                " ".join(
                    p for p in ("Up to" if r.kind == "maximum" else "", period, start or "") if p
                )
            )
        criteria = r.criteria
        if not parts and criteria:  # the criteria are the period (Art 13(2)(a))
            parts, criteria = [" ".join(criteria.split())], None
        policy = r.authority_kind == "policy"
        return RetentionRowView(
            record=r.record,
            description_md=r.description,
            period="; ".join(parts) or gap("PM501"),
            criteria_md=criteria,
            authority=(
                CitationView(text=r.authority, links=(LinkView(r.authority),))
                if r.authority and policy
                else self.citation(r.authority)
                if r.authority
                else None
            ),
            security_md=r.security,
            disposal=DISPOSAL.get(r.disposal) if r.disposal else None,
            categories=self.names("categories", r.categories),
        )

    def retention(self) -> RetentionView:
        policy = self.dm.retention_policy
        return RetentionView(
            statement_md=policy.statement if policy else None,
            rows=tuple(self.retention_row(r) for r in self.dm.retention),
            policy=LinkView("Our records retention policy", policy.document)
            if policy and policy.document
            else None,
            reasons_md=policy.reasons if policy else None,
            overseen_by=policy.overseen_by if policy else None,
        )

    def rights(self) -> RightsView:
        """The rights the map publishes, each in its own words where it gives them; the
        law's qualification is added beside them (PM704 says so too). A right the law
        gives but the map does not list is the checker's business (PM702), not the page's."""
        consent_used = "consent" in self.index.bases_in_use
        views = []
        for entry in self.dm.rights:
            r = law.right(entry.right)
            assert r is not None
            description = r.description
            if not consent_used:
                description = WITHOUT_CONSENT.get(r.id, description)
            views.append(
                RightView(
                    id=r.id,
                    name=r.name,
                    article=r.article,
                    description=description,
                    how=r.how_to,
                    how_md=entry.how,
                    wording_md=_sentence_of(entry.wording),
                    scope=self.right_scope(r),
                )
            )
        obj = next((v for v in views if v.id == "object"), None)
        withdraw = next((v for v in views if v.id == "withdraw-consent"), None)
        reason = None
        objectable = law.right("object")
        used = [
            info
            for b in self.index.bases_in_use
            if objectable and objectable.applies(b) and (info := law.art6_basis(b))
        ]
        if obj and used and obj.scope is None:
            reason = (
                "We rely on "
                + join_words(f"{b.name.lower()} (Article {b.article})" for b in used)
                + " for some of what we do, so you have the right to object to it."
            )
        main = tuple(v for v in views if v.id not in ("object", "withdraw-consent"))
        req = self.dm.rights_requests
        named = self.index.resolve("contacts", [req.contact] if req and req.contact else [])
        handlers = self.contacts_for("rights-requests", "Who to contact", named)
        contact = handlers[0] if handlers else None
        return RightsView(
            rights=main,
            object=obj,
            object_reason=reason,
            withdraw_consent=withdraw,
            contact=contact,
            how_md=req.how if req else None,
            identity_md=req.identity if req else None,
            missing=None if views else gap("PM606"),
        )

    def right_scope(self, right: law.Right) -> str | None:
        """Where the law gives `right` to only some of what the map describes, which (in
        words computed from the bases in use); None where it covers all of it."""
        bases = self.index.bases_in_use
        if right.purpose_kinds or all(right.applicability(b) == "applies" for b in bases):
            return None

        def names(kind: str) -> list[str]:
            return [
                info.name.lower()
                for b in bases
                if right.applicability(b) == kind and (info := law.art6_basis(b))
            ]

        full = names("applies") + [
            condition.name.lower()
            for c in self.index.conditions_in_use
            if c in right.applies_to_art9 and (condition := law.art9_condition(c))
        ]
        some = names("qualified")
        parts = []
        if full:
            parts.append(f"This right applies where we rely on {join_words(full)}.")
        if some:
            parts.append(f"Where we rely on {join_words(some)}, it applies only in some cases.")
        return " ".join(parts) or "The law does not give this right for the uses described here."

    def automated(self) -> AutomatedView:
        adm = self.dm.automated_decision_making
        own = [
            a.automated_decision_making for a in self.dm.activities if a.automated_decision_making
        ]
        exists = bool((adm and adm.exists) or any(a.exists for a in own))
        if adm is None and not own:
            listed = any(e.right == "automated-decision-making" for e in self.dm.rights)
            plain = gap("PM610" if listed else "PM614")
        elif exists:
            plain = "We make some decisions about you by computer, without a person involved."
        else:
            # what `exists: false` says (Art 22): no decision without meaningful human
            # involvement; not that a person is involved in everything we do
            plain = (
                "We do not make decisions about you by computer alone, without meaningful "
                "human involvement."
            )
        source = adm if adm and adm.exists else next((a for a in own if a.exists), adm)
        profiled = [self.dm.profiling, *(a.profiling for a in self.dm.activities)]
        stated = [p for p in profiled if p is not None]
        profiling = next((p for p in stated if p.exists), stated[0] if stated else None)
        return AutomatedView(
            exists=exists,
            plain=plain,
            description_md=source.description if source else None,
            logic_md=source.logic if source else None,
            significance_md=source.significance if source else None,
            consequences_md=source.consequences if source and source.exists else None,
            safeguards_md=_safeguards(source) if source and source.exists else (),
            profiling=None
            if profiling is None
            else "We use your information to build a profile of you (profiling)."
            if profiling.exists
            else "We do not use your information to build a profile of you (profiling).",
            profiling_md=profiling.description if profiling else None,
        )

    def requirement(self) -> RequirementView | None:
        req = self.dm.requirement_to_provide
        if req is None:
            return None
        plain = []
        if req.statutory is True:
            plain.append("The law requires you to give us some of this information.")
        elif req.statutory is False:
            plain.append("No law requires you to give us this information.")
        if req.contractual is True:
            plain.append("A contract requires you to give us some of this information.")
        elif req.contractual is False:
            plain.append("No contract requires you to give us this information.")
        if req.obliged is True:
            plain.append("You are obliged to give us this information.")
        elif req.obliged is False:
            plain.append("You are not obliged to give us this information.")
        return RequirementView(
            plain=tuple(plain), statement_md=req.statement, consequences_md=req.consequences
        )

    def contacts_for(
        self, role: str, heading: str, named: tuple[Contact, ...] = ()
    ) -> tuple[ContactView, ...]:
        """Who to contact for `role`, on one line each (given in full elsewhere): the
        contacts `named` for it, else those of that role, else the DPO."""
        found = named or self.index.contacts_for(role)
        if not found and self.dm.dpo:
            found = (self.dm.dpo,)
        return tuple(replace(self.contact(c, heading), brief=True) for c in found)

    def complaints(self) -> ComplaintsView:
        ico = law.ico()
        contacts = self.complaint_contacts()
        said_ = self.dm.complaints
        authority = self.dm.supervisory_authority
        if authority:
            ico_view = self.contact(authority, "Complain to the regulator")
        else:
            ico_view = ContactView(
                heading="Complain to the Information Commissioner's Office",
                lines=(ico.name,),
                address=(*ico.address, ico.postcode),
                telephone=ico.telephone,
                url=LinkView(f"{ico.name} website", ico.website),
            )
        return ComplaintsView(
            contacts=contacts,
            ico=ico_view,
            ico_complaints=LinkView(
                f"Make a complaint to the {ico.short_name}", ico.complaints_url
            ),
            form=LinkView("Complain to us online", said_.form) if said_ and said_.form else None,
            how_md=said_.how if said_ else None,
            acknowledgement_md=said_.acknowledgement if said_ else None,
            regulator_md=said_.regulator if said_ else None,
            court_md=said_.court if said_ else None,
        )


def _sentence_of(wording: str | None) -> str | None:
    """A right's published wording as a sentence: a notice that lists rights after "You
    have the right" gives each as "to object. ..."; the lead-in goes back in front."""
    if wording and wording[0].islower():
        return RIGHT_LEAD + wording
    return wording


def _safeguards(statement: AutomatedDecisionMaking) -> tuple[tuple[str, str], ...]:
    """(heading, how) of each Art 22C safeguard the statement records."""
    given = statement.safeguards
    if given is None:
        return ()
    headed = (
        ("Being told about decisions", given.information),
        ("Making representations", given.representations),
        ("Asking for a person to look at the decision", given.human_intervention),
        ("Challenging a decision", given.contest),
    )
    return tuple((heading, text) for heading, text in headed if text)
