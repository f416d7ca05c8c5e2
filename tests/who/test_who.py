"""Issue 14, points 1-6: who answers for the data. Each fact reaches the notice (HTML
and Markdown), the ROPA and, where it applies, the graph; the checker guards it.

The facts come from examples/joint-service (a service run jointly by two public
bodies) and from small edits of it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from privacymap import graph as graphs
from privacymap import ropa
from privacymap.config import Config
from privacymap.graph.render import to_dot, to_mermaid
from privacymap.index import Index
from privacymap.notice import render_notice
from privacymap.pipeline import check, resolve

REPO = Path(__file__).resolve().parents[2]
JOINT = REPO / "examples" / "joint-service"
TODAY = dt.date(2026, 11, 30)


def index_of(root: Path) -> Index:
    _, index, _ = resolve(root)
    assert index is not None
    return index


def notice_texts(index: Index) -> tuple[str, str]:
    built = render_notice(index)
    return built["notice.html"].decode("utf-8"), built["notice.md"].decode("utf-8")


def ropa_row(index: Index, activity: str) -> dict[str, str]:
    rows = ropa.rows(index)
    names = [a.id for a in index.datamap.activities]
    return rows[names.index(activity)]


def edited(tmp_path: Path, file: str, edit: tuple[str, str]) -> Path:
    """A copy of the joint-service example with one text edit in `file`."""
    root = tmp_path / "joint-service"
    shutil.copytree(JOINT, root)
    path = root / file
    text = path.read_text("utf-8")
    old, new = edit
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")
    return root


def rules_found(root: Path) -> list[str]:
    result = check(root, Config(), TODAY)
    assert result.usable, [str(d) for d in result.diagnostics]
    return [d.rule for d in result.diagnostics]


@pytest.fixture(scope="module")
def joint() -> Index:
    return index_of(JOINT)


@pytest.fixture(scope="module")
def texts(joint: Index) -> tuple[str, str]:
    return notice_texts(joint)


def test_the_example_checks_clean_with_strict() -> None:
    result = check(JOINT, Config(strict=True), TODAY)
    assert [str(d) for d in result.diagnostics] == []


# --------------------------------------------------------------- 1. joint controllers


def test_joint_controllers_reach_the_notice(texts: tuple[str, str]) -> None:
    for text in texts:
        assert "Eastbrook Community Health NHS Trust" in text
        assert "decide together how your information is used" in text
        assert "Joint controller for: Young carers assessment." in text
        assert "The council publishes this notice for both organisations." in text
        assert "use your rights with each of us (UK GDPR Article 26(3))" in text
        assert "https://www.eastbrook.example.gov.uk/young-carers/joint-arrangement" in text


def test_joint_controllers_reach_the_ropa(joint: Index) -> None:
    block = [(role, name.text) for role, name, *_ in ropa.contact_block(joint)]
    assert ("Joint controller", "Eastbrook Community Health NHS Trust") in block
    heading = "Name and contact details of joint controller (if applicable)"
    assert "Eastbrook Community Health NHS Trust" in ropa_row(joint, "assessment")[heading]
    assert ropa_row(joint, "support-plan")[heading].startswith("None: ")


def test_joint_controller_rules(tmp_path: Path) -> None:
    no_contact = edited(
        tmp_path / "a",
        "organisation.yaml",
        ("    email: information.governance@eastbrook-health.example.nhs.uk\n", ""),
    )
    no_address = no_contact / "organisation.yaml"
    no_address.write_text(
        no_address.read_text("utf-8").replace(
            "    address: Trust Headquarters, Riverside Road, Eastbrook, EB2 2BB\n", ""
        ),
        "utf-8",
    )
    assert "PM630" in rules_found(no_contact)
    text = (JOINT / "organisation.yaml").read_text("utf-8")
    start, end = text.index("joint_arrangement:"), text.index("contacts:")
    no_arrangement = edited(tmp_path / "b", "organisation.yaml", (text[start:end], ""))
    assert "PM631" in rules_found(no_arrangement)


# --------------------------------------------------------------- 2. processors


def test_processors_and_recipient_roles_reach_the_notice(texts: tuple[str, str]) -> None:
    for text in texts:
        assert "Works for one of our processors" in text  # sub-processor
        assert "Works for Example Casework Systems Ltd, which works for us." in text
        assert "Once your school adds our support plan to its own records" in text


def test_processor_contracts_reach_the_ropa(joint: Index) -> None:
    cell = ropa_row(joint, "assessment")["Link to contract with processor"]
    assert "Example Casework Systems Ltd: https://www.eastbrook.example.gov.uk/contracts" in cell
    assert "Example Backup Services Ltd" in cell  # a sub-processor is a processor too
    recipients = {r["Id"]: r for r in ropa.recipients(joint)}
    assert recipients["backup-supplier"]["Role"] == "sub-processor"


def test_processors_are_drawn_dashed(joint: Index) -> None:
    graph = graphs.build(joint)
    dot, mermaid = to_dot(graph), to_mermaid(graph)
    assert "(sub-processor)" in dot and "(processor)" in dot
    assert "sub-processor (acts on a processor's instructions)" in dot  # the legend
    assert "filled,dashed" in dot
    assert "(sub-processor)" in mermaid


def test_a_flow_may_give_its_recipient_another_role(tmp_path: Path) -> None:
    root = edited(
        tmp_path,
        "processing.yaml",
        (
            "      - to: survey-supplier\n",
            "      - to: survey-supplier\n        role: controller\n",
        ),
    )
    index = index_of(root)
    _html, md = notice_texts(index)
    feedback_forms = md[md.index("**Example Feedback Forms Inc**") :].split("\n")[0]
    assert "An organisation that decides for itself how to use the information" in feedback_forms
    assert "only uses the information as we instruct" not in feedback_forms
    # the processor-contract column lists it only where it acts as a processor
    assert (
        "Example Feedback Forms Inc"
        not in ropa_row(index, "feedback")["Link to contract with processor"]
    )


# --------------------------------------------------------------- 3. transfers


def test_transfer_reaches_the_notice_ropa_and_graph(joint: Index, texts: tuple[str, str]) -> None:
    for text in texts:
        assert "An International Data Transfer Agreement" in text
        assert "How to get a copy of the safeguards for Example Feedback Forms Inc" in text
    row = ropa_row(joint, "feedback")
    assert (
        "US: Example Feedback Forms Inc"
        in row[
            "Names of third countries or international organisations that personal data are "
            "transferred to (if applicable)"
        ]
    )
    assert "(US)" in to_dot(graphs.build(joint))


def test_alternative_mechanisms_a_region_and_an_unknown_country(tmp_path: Path) -> None:
    root = edited(
        tmp_path,
        "processing.yaml",
        (
            "      country: US\n      # one or more mechanisms; several are alternatives\n"
            "      mechanism: [idta]\n",
            "      region: outside the UK\n      mechanism: [uk-regulations, idta]\n"
            "      copy_how: Ask our Young Carers Service for a copy.\n",
        ),
    )
    data = root / "data.yaml"
    data.write_text(
        data.read_text("utf-8").replace(
            "    contract: https://www.eastbrook.example.gov.uk/contracts/feedback-forms\n"
            "    country: US\n",
            "    contract: https://www.eastbrook.example.gov.uk/contracts/feedback-forms\n"
            "    country: unknown\n    region: outside the UK\n",
        ),
        "utf-8",
    )
    index = index_of(root)
    _html, md = notice_texts(index)
    assert (
        "The UK has decided this country protects personal data well enough or "
        "An International Data Transfer Agreement" in md
    )
    assert "Ask our Young Carers Service for a copy." in md
    assert "Where it holds your information: outside the UK" in md
    assert "We do not know where it holds your information" in md
    safeguards = ropa_row(index, "feedback")[
        "Safeguards for exceptional transfers of personal data to third countries or "
        "international organisations (if applicable)"
    ]
    assert " or " in safeguards and "Ask our Young Carers Service" in safeguards
    assert rules_found(root) == []  # the region is covered by the transfer (PM401 quiet)


def test_an_unstated_location_is_not_the_uk(tmp_path: Path) -> None:
    root = edited(
        tmp_path, "data.yaml", ("    role: controller\n    country: GB\n", "    role: controller\n")
    )
    assert rules_found(root) == ["PM405"]
    recipients = {r["Id"]: r for r in ropa.recipients(index_of(root))}
    assert recipients["school"]["Country"] == "Not recorded"


# --------------------------------------------------------------- 4. layered notices


def test_parts_given_elsewhere_are_links_and_count_as_given(
    joint: Index, texts: tuple[str, str]
) -> None:
    assert joint.datamap.dpo is None and joint.datamap.controller.public_authority
    html, md = texts
    link = "https://www.eastbrook.example.gov.uk/privacy"
    assert f'<strong>Our Data Protection Officer:</strong> see <a href="{link}">' in html
    assert "**Your rights and how to use them:** see [Eastbrook Borough Council" in md
    assert rules_found(JOINT) == []  # PM602 (no DPO) is answered by the corporate notice


def test_a_part_left_to_a_plain_http_address_is_not_given(tmp_path: Path) -> None:
    root = edited(
        tmp_path,
        "organisation.yaml",
        (
            "      url: https://www.eastbrook.example.gov.uk/privacy\n\ncontroller:",
            "      url: http://www.eastbrook.example.gov.uk/privacy\n\ncontroller:",
        ),
    )
    found = rules_found(root)
    assert "PM632" in found and "PM602" in found
    html, _ = notice_texts(index_of(root))
    assert "Our Data Protection Officer:</strong> see" not in html


# --------------------------------------------------------------- 5. complaints


def test_complaints_route_reaches_the_notice(texts: tuple[str, str]) -> None:
    for text in texts:
        assert "Customer Feedback Team" in text
        assert "https://www.eastbrook.example.gov.uk/complaints/data-protection" in text
        assert "We will acknowledge your complaint within 30 days" in text
        assert "Going to court" in text
        assert "ask a court to enforce your data protection" in text
        assert "https://ico.org.uk/make-a-complaint/" in text


def test_complaints_go_to_the_complaints_contact_not_the_dpo(tmp_path: Path) -> None:
    # one contact serving rights requests and complaints: complaints go there
    root = edited(
        tmp_path,
        "organisation.yaml",
        (
            "    role: [further-information, rights-requests]\n",
            "    role: [rights-requests, complaints]\n",
        ),
    )
    complaints_file = root / "organisation.yaml"
    text = complaints_file.read_text("utf-8")
    complaints_file.write_text(text.replace("  contacts: [customer-feedback]\n", ""), "utf-8")
    html, _ = notice_texts(index_of(root))
    section = html[html.index('<h2 id="complaints">') :]
    assert "Young Carers Service" in section.split("Information Commissioner")[0]


# --------------------------------------------------------------- 6. contacts


def test_a_contact_form_is_a_means_of_contact(joint: Index, texts: tuple[str, str]) -> None:
    controller = joint.datamap.controller
    assert controller.email is None and controller.contact_form
    for text in texts:
        assert "https://www.eastbrook.example.gov.uk/contact-us" in text
    assert "PM601" not in rules_found(JOINT)


def test_contacts_with_several_roles_load_and_keep_their_roles(joint: Index) -> None:
    team = next(c for c in joint.datamap.contacts if c.id == "young-carers-team")
    assert team.roles == ("further-information", "rights-requests")
    assert [c.id for c in joint.contacts_for("rights-requests")] == ["young-carers-team"]
    raw = yaml.safe_load((JOINT / "organisation.yaml").read_text("utf-8"))
    assert raw["contacts"][0]["role"] == ["further-information", "rights-requests"]


def test_rights_given_elsewhere_need_not_all_be_listed_here(tmp_path: Path) -> None:
    root = edited(tmp_path / "a", "processing.yaml", ("  - right: restriction\n", ""))
    assert "PM702" not in rules_found(root)  # the corporate notice gives the rights
    plain = edited(
        tmp_path / "b",
        "organisation.yaml",
        ("    - parts: [dpo, rights]\n", "    - parts: [dpo]\n"),
    )
    listed = plain / "processing.yaml"
    listed.write_text(listed.read_text("utf-8").replace("  - right: restriction\n", ""), "utf-8")
    assert "PM702" in rules_found(plain)


def test_a_category_of_joint_controllers_needs_no_address_of_its_own(tmp_path: Path) -> None:
    # "DfE is joint data controller with various local authorities": the local
    # authority of each request, which has no single address to publish
    root = edited(
        tmp_path,
        "organisation.yaml",
        (
            "joint_controllers:\n",
            "joint_controllers:\n  - id: local-authorities\n"
            "    name: The local authority your request is about\n    kind: category\n",
        ),
    )
    assert rules_found(root) == []
    for text in notice_texts(index_of(root)):
        assert "The local authority your request is about" in text
    heading = "Name and contact details of joint controller (if applicable)"
    assert (
        "The local authority your request is about"
        in ropa_row(index_of(root), "assessment")[heading]
    )


def test_an_empty_country_gets_a_country_hint(tmp_path: Path) -> None:
    root = edited(tmp_path, "data.yaml", ("    country: US\n", '    country: ""\n'))
    result = check(root, Config(), TODAY)
    hints = [d.hint for d in result.diagnostics if d.rule == "PM006"]
    assert hints and "ISO 3166-1 alpha-2 country code" in (hints[0] or "")
    assert not any("kebab-case" in (d.hint or "") for d in result.diagnostics)


def test_a_complaint_form_alone_is_the_route_at_a_glance(tmp_path: Path) -> None:
    root = edited(tmp_path, "organisation.yaml", ("  contacts: [customer-feedback]\n", ""))
    organisation = root / "organisation.yaml"
    text = organisation.read_text("utf-8").replace("    role: complaints\n", "    role: other\n")
    organisation.write_text(text, "utf-8")
    _html, md = notice_texts(index_of(root))
    glance = md[md.index("**[How to complain]") :].split("\n\n")[1]
    assert "Use our online complaint form first. If you are still not happy" in glance
    assert "Data Protection Officer" not in md[md.index("## How to complain") :]


def test_complaints_route_silences_pm650_and_sub_processors_need_contracts(
    tmp_path: Path,
) -> None:
    # the route is the complaints section's form alone: no contact has the role
    form_only = edited(
        tmp_path / "a", "organisation.yaml", ("  contacts: [customer-feedback]\n", "")
    )
    organisation = form_only / "organisation.yaml"
    text = organisation.read_text("utf-8").replace("    role: complaints\n", "    role: other\n")
    organisation.write_text(text, "utf-8")
    assert "PM650" not in rules_found(form_only)
    no_contract = edited(
        tmp_path / "b",
        "data.yaml",
        (
            "    engaged_by: casework-supplier\n"
            "    contract: https://www.eastbrook.example.gov.uk/contracts/casework-system\n",
            "    engaged_by: casework-supplier\n",
        ),
    )
    assert "PM661" in rules_found(no_contract)
