"""The young-people page's own words (ICO Age Appropriate Design Code standard 4,
UK GDPR Art 12(1), Recital 58): short sentences, no article numbers or citations.

Each sentence here either holds for any map (the advice to talk to an adult, what
the ICO is) or is shown only where the map holds its claim (a basis in use, a right
the map publishes, a complaint route): tests/notice/test_one_voice.py lists each
with the condition that must hold.
"""

from __future__ import annotations

YOUNG_FILE = "notice-young-people.html"
"""The page for children and young people, beside `notice.html`."""

HEADING = "Your information: a guide for children and young people"
INTRODUCTION = (
    "This page is for children and young people. It tells you what {organisation} "
    "does with information about you, and what you can do about it."
)
FULL_NOTICE = "Read the full privacy notice"
"""The link from the young-people page to the main page."""
YOUNG_LINK = "A short guide for young people"
"""The link from the main page to the young-people page."""

TALK = "If you have a question or a worry, talk to an adult you trust."
"""Advice, not a claim about the map: it holds for any notice."""
NO_RECIPIENT = "The full notice names no one else who gets this information."
"""Where the map records no disclosure for the use (it says no more than that)."""
USES_IN_FULL = "The full notice explains what we do with information."
"""Where no use of the map names the children (the full notice lists its uses)."""
RETENTION_IN_FULL = "The full notice lists how long we keep each kind of record."
"""For a use the map links to no retention row (PM505, a warning: a rule for the whole
notice may cover it), where the map has retention rows."""
RIGHTS_IN_FULL = "Your rights are explained in the full privacy notice."
"""Where the map publishes rights, none of which applies to this use."""
SOMETIMES = " (in some cases)"
"""After a right the law gives for this use only in some cases."""

BASES = {
    "public-task": "It is part of the job the law gives us.",
    "legal-obligation": "The law says we must do it.",
    "consent": "We ask first, and only do it if we are told yes.",
    "contract": "We need to, for an agreement (a contract) with you.",
    "vital-interests": "We need to, to protect someone's life.",
    "legitimate-interests": "We have a good reason, and the law lets us if it is fair to you.",
    "recognised-legitimate-interest": "The law itself says this reason is allowed.",
}
"""Why we are allowed to, per Art 6 basis id, in a child's words (one short sentence)."""

RIGHTS = {
    "access": ("see it", "Ask for a copy of the information we have about you."),
    "rectification": ("correct it", "Ask us to correct it if it is wrong."),
    "erasure": ("delete it", "Ask us to delete it."),
    "restriction": ("pause it", "Ask us to stop using it for a while."),
    "portability": ("move it", "Ask for it in a form you can give to someone else."),
    "object": ("say no", "Tell us you do not want us to use it."),
    "object-direct-marketing": ("stop offers", "Tell us to stop sending you offers and news."),
    "object-research": ("say no to research", "Tell us you do not want it used for research."),
    "withdraw-consent": ("change your mind", "If you said yes, you can change your mind."),
    "automated-decision-making": (
        "ask a person to check",
        "Ask for a person to check a decision a computer made about you.",
    ),
}
"""Each right: its short name in a card ("You can: see it, ...") and what it lets you do,
said once under "Your rights". The right to be informed is this page itself."""
CAN = "You can: {rights}."
RIGHTS_LEAD = "The law gives you these rights. Each one is explained here."

CONTACT = "To ask us something, contact:"
CONTACT_RIGHTS = "To ask us something, or to use one of your rights, contact:"
COMPLAIN_TO_US = "If you are not happy with how we use your information, tell us:"
COMPLAIN_ICO = (
    "You can also complain to the Information Commissioner's Office (ICO). The ICO makes "
    "sure organisations follow the law about information."
)
COMPLAIN_ICO_ONLY = (
    "If you are not happy with how we use your information, you can complain to the "
    "Information Commissioner's Office (ICO). The ICO makes sure organisations follow "
    "the law about information."
)
