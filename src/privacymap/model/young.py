"""The organisation's own wording for the page for children and young people
(`notice-young-people.html`; UK GDPR Art 12(1), Recital 58, ICO Age Appropriate Design
Code standard 4): used on that page in place of the notice's words, never elsewhere."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from privacymap.model.types import Markdown, Model


class YoungPeopleWording(Model):
    """A purpose or activity in words a young person understands, for the young-people
    page (anything left out is taken from the notice)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Getting to know you",
                    "description": "We talk with you about the caring you do.",
                }
            ]
        }
    )

    name: str | None = Field(default=None, description="Its name on the young-people page.")
    description: Markdown | None = Field(
        default=None, description="What it is, on the young-people page."
    )


class YoungPeoplePage(Model):
    """The page for children and young people. It is written when children who can read it
    are among the subjects and the notice links to no `child_friendly_version` of its own."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "introduction": "This page is for young carers. It tells you what we do "
                    "with information about you.",
                    "help": "If you are worried, talk to an adult you trust, or to your "
                    "young carers worker.",
                }
            ]
        }
    )

    page: bool = Field(
        default=True,
        description="Write the page (`false`: do not; PM660 then reports the children with "
        "no version written for them).",
    )
    title: str | None = Field(default=None, description="The page's heading.")
    introduction: Markdown | None = Field(
        default=None, description="The page's introduction, in place of privacymap's."
    )
    help: Markdown | None = Field(
        default=None,
        description="Shown on each card in place of privacymap's \"If you have a question "
        'or a worry, talk to an adult you trust."',
    )
