"""The regular expressions of the attribution rules, built once from the tables in
:mod:`claimdiff.attribution.cues`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from claimdiff.attribution.cues import (APPEAL_CUES, CHROME_LINES, CONTINUATION_CUES, DENY_CUES, DESCRIBE_CUES,
                                        DOCUMENT_CUES, DOCUMENT_NOUNS,
                                        DISMISSALS, DISMISSAL_QUALIFIERS, VERDICT_CUES, VERDICT_TAILS, HEDGES,
                                        RELATED_MARKERS, RESPONSE_VERBS, SAY_CUES, _ADVERBIAL_STARTS, _ADVERBS,
                                        _CLOSE_Q, _OPEN_Q,
                                        _TAIL_WORDS)

# Titles written with a full stop that syntok takes for a sentence end: "Rep. Gwen Moore said".
_TITLE_ABBREV_RE = re.compile(
    r"\b(?:Rep|Reps|Del|Gov|Govs|Lt|Gen|Col|Capt|Cpt|Sgt|Maj|Adm|Cmdr|Brig|Amb|Atty|Supt|Insp|Cpl|Pvt|Rev|Hon|Sen"
    r"|Sens|Pres|Prof|Dr|Mr|Mrs|Ms|Messrs)\.\s*$"
)

# Two apostrophes for a quotation mark, as in archive copies of the New York Times: ''We will win,'' he said.
# They are read as '" ' (a mark and a space), which keeps every offset.
_TWO_APOSTROPHES_RE = re.compile(r"(?<!['’])''(?!['’])")


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first (so "appealed to" wins over a shorter prefix)."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))

# A character that may sit inside a speaker noun phrase: no clause punctuation, no quote marks.
_NPC = r"[^,;:\"“”«»„]"
_NP = rf"[^\s,;:\"“”«»„]{_NPC}{{0,80}}?"
_NP_LONG = rf"[^\s,;:\"“”«»„]{_NPC}{{0,100}}?"
_ADV = rf"(?:{_alt(_ADVERBS)})"
# Auxiliaries and adverbs before a cue belong to it, as in PolNeAR ("has also said": in its train split 1,559
# cues include such a word, 38 leave it out); "itself" does not, nor "then" or the journalist's hedge ("allegedly").
_NOT_IN_CUE = {"itself", "himself", "herself", "allegedly", "reportedly", "then", "now", "once"}
_CUE_ADV = rf"(?:{_alt(set(_ADVERBS) - _NOT_IN_CUE)})"
# "read" only right after a document noun (a lookbehind per noun: each must be of fixed width).
_AFTER_DOCUMENT = "".join(["(?:", "|".join(rf"(?<={re.escape(n)}\s)" for n in DOCUMENT_NOUNS), ")"])
# "Armenian media quoted local residents as saying", "was quoted by Armenpress as saying", "cited an unnamed
# official as saying": the cue holds whom it quotes or by whom; the speaker is who reports it.
_QUOTED_AS_SAYING = (r"(?:(?:was|were|is|are)\s+quoted\s+by|quoted|cited)\s+(?:[\w'’.-]+\s+){1,10}?as\s+saying")
# "put Azerbaijan's losses at 50 servicemen": a figure given as the object of "put".
_PUT_AT = (r"puts?(?=\s+(?:[\w'’-]+\s+){0,4}?(?:losses|toll|casualties|dead|death\s+toll|number\s+of\s+\w+)\s+at\s+"
           r"(?:(?:about|around|at\s+least|more\s+than|over|nearly|some)\s+)?\d)")
_SAY = rf"(?:{_QUOTED_AS_SAYING}|{_PUT_AT}|{_alt(SAY_CUES)}|{_AFTER_DOCUMENT}(?:{_alt(DOCUMENT_CUES)}))\b"
_QUOTED = r"[\"“«„][^\"“”«»„]{0,80}[\"”»“]"
_TAIL = (rf"(?P<tail>\s+(?:{_alt(_TAIL_WORDS)})\b{_NPC}{{0,80}}?)?"
         rf"(?:,\s*(?:citing|quoting|referring\s+to)\b{_NPC}{{0,80}}?)?"
         # the outlet's own formula after the attribution: "..., the ministry said, AZERTAC reports."
         r"(?:,\s*(?:[A-Z][\w.'’-]*\s+){1,3}?(?:reports|informs)\b)?")

# Not after a hyphen: "so-called", "self-described" are no cues.
_CUE_RE = re.compile(
    rf"(?<![-\u2010\u2011])\b(?:(?P<describe>(?:{_alt(DESCRIBE_CUES)})\s+(?:{_QUOTED}|[\w'’-]+))"
    rf"|(?P<deny>(?:{_alt(DENY_CUES)})\b)"
    rf"|(?P<appeal>(?:{_alt(APPEAL_CUES)})\b)"  # before the verdicts: "called on" is an appeal
    rf"|(?P<verdict>(?:{_alt(VERDICT_CUES)})\b)"
    rf"|(?P<say>{_SAY}))"
)
# "denied X and said Y" / "said X but denied Y": a cue right after a clause boundary goes on with the speaker.
_COORDINATED_CUE_RE = re.compile(
    rf"(?:(?:{_CUE_ADV})\s+)*(?P<cue>(?P<deny>(?:{_alt(DENY_CUES)})\b)|{_SAY})(?=\s+(?:that\b|[^\W\d_]))"
)
# A verdict cue's object and its dismissal: "described the allegations as groundless", "called it a lie".
# ... whom a verdict on the motive was meant for: "an attempt to mislead the international community", "an attempt to
# distort reality".
_MISLED = (r"(?:\s+(?:the\s+)?(?:international\s+|world\s+|local\s+|public\s+)?(?:community|public|reality|facts"
           r"|truth|opinion|audiences?|partners|mediators|people|society|world)\b)?")
_DISMISSAL = rf"[\"“'‘]?(?:(?:{_alt(DISMISSAL_QUALIFIERS)})\s+)*(?:{_alt(DISMISSALS)})\b{_MISLED}"
# What a dismissal says the denied account was made for or how: "disinformation aimed at ...", "a fabrication
# prepared in advance of the talks".
_SERVING = (r"(?:aimed|designed|intended|meant|spread|prepared|concocted|cooked|invented|made|timed|planned|produced"
            r"|circulated|disseminated|orchestrated|staged|launched)")
# The dismissal ends the verdict's clause ("called the lie of a quick victory dangerous" dismisses nothing).
# ... or a participle or infinitive says what it serves: "called it disinformation aimed at justifying an attack".
# "called the report another provocation": said of what the other side said, "provocation" dismisses it too (said
# of an act, "called the shelling a provocation", it blames and denies nothing).
_REPORT_DISMISSAL = (r"[\"“'‘]?(?:(?:another|a|an|yet\s+another|new|deliberate|information|political|cynical|cheap"
                     r"|crude|clumsy|planned|blatant|staged)\s+)*"
                     r"provocations?\b")
_REPORT_OBJECT = (r"(?:(?:the|this|that|these|those|such|its|their|[\w'’-]+(?:'s|’s))\s+)?(?:[\w'’-]+\s+){0,2}?"
                  r"(?:reports?|claims?|statements?|information|allegations?|accusations?|footage|videos?|version)"
                  # what the report is of: "the Armenian reports of a wounded driver as 'a staged provocation'"
                  r"(?:\s+(?:of|about)\s+[^.;!?\n\"“”]{1,80}?)?")
_WHOSE = r"\s+(?:of|by|from)\s+(?:the\s+)?(?:(?-i:[A-Z])[\w'’-]*|[\w'’-]+(?:'s|’s))[^.;!?\n\"”]{0,60}?"
_VERDICT_OBJECT_RE = re.compile(rf"(?:\s+[^.;!?\n]{{1,200}}?\s+(?:as\s+)?{_DISMISSAL}"
                                rf"|\s+{_REPORT_OBJECT}\s+(?:as\s+)?{_REPORT_DISMISSAL})"
                                # whose the dismissal is: "another fabrication of Baku's propaganda machine" (a
                                # name or a possessive: "the myth of a quick victory" is an object, not a verdict)
                                rf"(?:{_WHOSE})?"
                                rf"(?=[\"”’']?\s*(?:[.,;:!?)]|$|\s+(?:and|but|because|since|as|after|while"
                                rf"|{_SERVING})\b))",
                                re.IGNORECASE)
# Where a denied content ends: ", calling them disinformation", ' as "a complete fabrication"'.
_DENIAL_END_RE = re.compile(
    rf",\s+(?:{_alt(VERDICT_TAILS)})\b|\s+as\s+(?:{_DISMISSAL}|{_REPORT_DISMISSAL})"
    rf"|\s+(?:is|are|was|were)\s+(?:\w+\s+)?{_DISMISSAL}"
    rf"|\s+{_DISMISSAL}(?:[\s\"”’'.!?]*$|(?=\s+{_SERVING}\s+(?:at|to|in|by|for|ahead|before|on|up)\b)"
    # a second verdict joined to it: 'called the reports "fake and insulting to our heroes"'
    rf"|(?=\s+(?:and|or)\s+[\w'’ -]{{1,60}}?[\s\"”’'.!?]*$)"
    rf"|(?={_WHOSE}[\s\"”’'.!?]*$))"
    rf"|(?<=[a-z])\s+(?:as\s+)?{_REPORT_DISMISSAL}[\s\"”’'.!?]*$",
    re.IGNORECASE,
)
# A claim said to be false after it: "Baku's claims that Armenia shelled Tartar are false" (an adverb at most
# between: "were detained lies within" is no verdict).
_JUDGED_RE = re.compile(rf"\s+(?:is|are|was|were)\s+(?:\w+ly\s+)?{_DISMISSAL}", re.IGNORECASE)
_ANOTHER_CUE_RE = re.compile(rf"\s+(?:{_ADV}\s+)*(?:{_SAY}|(?:{_alt(DENY_CUES)})\b)")
# The text between a clause start and its cue: a noun phrase, an optional ", appositive," and adverbs.
_SPEAKER_RE = re.compile(
    rf"\s*(?P<np>[^\s,;:\"“”«»„]{_NPC}*?)(?:\s*,\s*(?P<appos>[^;:\"“”«»„]+?)\s*,)?(?:\s+{_ADV})*?"
    rf"(?:\s+(?P<adv>{_CUE_ADV}(?:\s+{_CUE_ADV})*))?\s*"
)
_ACCORDING_RE = re.compile(
    r"(?P<cue>[Aa]ccording\s+to(?:\s+(?:a|an|the)\s+(?:[\w'’-]+\s+)?"
    r"(?:statement|report|communiqu[eé]|release|briefing|post|message|announcement)\s+(?:by|from|of))?)"
    rf"\s+(?P<np>{_NP_LONG})"
    # "According to Armenia's ombudsman, Anahit Manasyan, P": the name in apposition is part of the speaker.
    r"(?:\s*,\s*(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3})(?=\s*,))?\s*,\s*"
)
# "By Yerevan's account, P", "By the ministry's own count, P": the account's owner speaks, as with "according to".
_BY_ACCOUNT_RE = re.compile(
    rf"\b(?:[Bb]y|[Ii]n)\s+(?P<np>[^\s,;:\"“”«»„]{_NPC}{{0,60}}?)(?:'s|’s|s'|s’)\s+(?:own\s+)?"
    r"(?P<cue>account|version|telling|count|estimate|tally|figures|reckoning)\s*,\s*"
)
# An opening quote mark in the masked text: a double one, or a single one that opens a quotation (its interior is
# masked, so an apostrophe, "'tis", is not one).
_QUOTE_OPENS = rf"(?:[{_OPEN_Q}]|['‘]x)"
_COLON_AFTER_RE = re.compile(rf"\s*:\s*(?={_QUOTE_OPENS})")  # a colon that announces a quotation
_COLON_RE = re.compile(rf"(?P<np>{_NP}){_COLON_AFTER_RE.pattern}")
# 'Aliyev on Karabakh: "Q"': the topic after the speaker, before a colon.
_TOPIC_RE = re.compile(r"\s+(?:on|about|regarding)\s+")
_SAID_FIRST_RE = re.compile(r"(?P<cue>Said|Says|Added|Adds|Asked|Wrote|Writes)\s+(?=[A-Z])")
# The quoted title may hold the comma: 'On this weekend's "Fox News Sunday," Gov. Mike Pence said' (masked).
_ADVERBIAL_RE = re.compile(
    rf"(?:{_alt(_ADVERBIAL_STARTS)})\b(?:{_NPC}|[{_OPEN_Q}]x*[{_CLOSE_Q}]){{0,80}}?"
    rf"(?:,\s+|(?<=[{_CLOSE_Q}])\s+(?=[A-Z]))"
)
# Where a new clause (and maybe a new statement) may begin inside a sentence.
_CLAUSE_RE = re.compile(r"[,;]\s+(?:and|but|though|although|while|whereas|yet)\s+|;\s+|\s(?:and|but|while|whereas)\s+"
                        # "..., a day after the separatist authorities said two had been shot down"
                        r"|,\s+(?:(?:a|an|one|two|three|several|a\s+few|\d+)\s+(?:days?|hours?|weeks?)|hours|days"
                        r"|shortly|soon|just|moments)\s+after\s+")
# ", calling the Azerbaijani claim nonsense": a verdict participle before a named account and its dismissal denies
# that account (not before "it": ", calling it lies" only ends a denial already made).
_VERDICT_TAIL = (rf"(?:{_alt(VERDICT_TAILS)})"
                 r"(?=\s+(?i:(?:the|these|those|such|[\w'’-]+(?:'s|’s))\s+(?:[\w'’-]+\s+){0,3}?"
                 r"(?:claims?|reports?|allegations?|accusations?|statements?|information|version|accounts?|figures?"
                 # (a quoted verdict is masked here; the rule reads it in the text)
                 rf"|numbers?|stor(?:y|ies)|charges?|assertions?|talk)\b))(?=(?i:{_VERDICT_OBJECT_RE.pattern}"
                 r"|\s+[^.;!?\n]{1,120}?\s+(?:as\s+)?[\"“]x))")
# "adding", "denying", ...: a second statement by the same speaker
_CONT = rf"(?:{_alt(CONTINUATION_CUES)}|{_VERDICT_TAIL})"
_CONTINUATION_RE = re.compile(rf",\s+(?P<cue>{_CONT})\b")
# "Yerevan hit back on Monday, saying ...", "A senior official, who asked not to be named, went further, claiming
# ...": a response and a participle; the subject is the speaker.
_RESPONSE_RE = re.compile(
    rf"(?P<np>[^\s,;:\"“”«»„]{_NPC}*?)(?:\s*,\s*(?P<appos>[^;:\"“”«»„]+?)\s*,)?\s+(?:{_ADV}\s+)*"
    rf"(?:{_alt(RESPONSE_VERBS)})\b[^,;:.\"“”]{{0,60}}?,\s+(?P<cue>{_CONT})\b"
)
# "said X, a lawyer for the club(, who ...)" up to the end of the sentence, or up to ", adding that": who X is,
# not what X said (an aside such as ", at a rally" is matched too, and _is_appositive leaves it out).
_APPOSITIVE_START = (r"(?:(?:a|an|the|now|then|who|whose|one|[\w'’-]+'s|[\w'’-]+’s)\b"
                      r"|[RDI]-[A-Z]|(?:Democrat|Republican|Independent)s?\s+(?:of|from)\b)")
_APPOSITIVE = (rf"(?:\s*,\s+(?!{_CONT}\b)(?P<appos>(?=[^\W\d_])"
               rf"(?:(?!,\s+{_CONT}\b)[^;:\"“”«»„]){{1,200}}))?")
_APPOSITIVE_START_RE = re.compile(_APPOSITIVE_START)
_AGE_RE = re.compile(r"\d{1,3}\s*(?:,|$)")    # "Donna Rawlings, 59, of Ashton, Md., said"
# "NAME, APPOSITIVE" before ", said ...", which may be a speaker rather than a content (_speaker_with_appositive).
_BARE_NAME_RE = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}")
_NAME_APPOSITIVE_RE = re.compile(
    rf"(?P<name>[A-Z][^,;:\"“”«»„]{{0,80}}?)\s*,\s+(?P<appos>[^;:\"“”«»„]{{1,200}})"
)
# Reporting verbs that need an addressee, so a capitalised word after them is one ("told Reuters the ...").
_TELL_CUES = frozenset({"told", "tells", "informed", "informs"})
# "Y, said X" inverts a cue over its speaker; "Y, told X" never does: X is whom the speaker (before it) told.
_INVERTED_SAY = rf"(?!(?:{'|'.join(sorted(_TELL_CUES))})\b){_SAY}"
# Whom a cue addresses after the speaker: '"Q," X told The Huffington Post.' (up to four capitalised words).
# ... or an outlet by its domain: "told news.am".
_ADDRESSEE = r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}|[a-z][\w-]*\.(?:am|az|ru|ge|com|org|net)\b)"
# What the speaker spoke of, right after the cue: '"Q," X said of RT' (but "said Rangel of New York" is a name).
_SAID_OF = rf"(?:of|about)\s+{_NP}"
# Whom a cue may address without naming anyone: "told reporters", "told me".
_AUDIENCE = r"reporters|journalists|me|us|him|her|them"
# What may follow a cue before the attribution ends: "told reporters", "told me", "said of RT".
# An audience named by what it is: "told a news conference", "told parliament", "told state television".
_AUDIENCE_NP = (r"(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}?(?:news\s+conference|press\s+conference|briefing|parliament"
                r"|lawmakers|deputies|television|radio|rally|supporters|news\s+agency|broadcaster|newspaper)\b"
                r"(?:\s+(?:in|at)\s+[A-Z][\w'’-]*)?")
_CUE_OBJECT = rf"(?:{_AUDIENCE}|{_ADDRESSEE}|{_SAID_OF}|{_AUDIENCE_NP})"
# Whom a reporting verb addresses before a content without "that": "told reporters the talks had failed", "told
# Reuters the ...". A capitalised addressee (group "named") is taken only after a verb that needs one (rules.py):
# "warned Baku would pay" warns of what Baku would do.
# An audience word is whom whatever follows ("told reporters Baku was ..."), but "her" may own what follows ("told
# her Armenian counterpart ...").
_ADDRESSEE_RE = re.compile(rf"\s+(?:(?:{_AUDIENCE}|the\s+press|{_AUDIENCE_NP})(?<!her)(?=\s+\w)"
                           r"|(?:her|(?P<named>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}))(?=\s+[a-z]))")
# What the other side is said to deny of a report: "..., a claim Baku rejected", "..., an accusation denied by".
_DENIED_NOUN = (r"(?:claims?|reports?|allegations?|accusations?|assertions?|charges?|version|figures?|numbers?|toll"
                r"|account)")
# "Y, X said." / "Y, said X." / "Y, according to X." at the end of a sentence.
_INVERTED_RE = re.compile(
    rf"(?:,|(?<=[\"”»“]))\s*(?:"
    rf"(?P<np>{_NP})\s+(?:{_ADV}\s+)*?(?P<cue>(?:{_CUE_ADV}\s+)*{_SAY})"
    rf"(?:\s+(?:the\s+press|{_CUE_OBJECT}))?"
    rf"|(?P<cue2>{_INVERTED_SAY})\s+(?P<np2>{_NP}){_APPOSITIVE}"
    rf"|(?P<acc>according\s+to)\s+(?P<np3>{_NP_LONG})"
    rf"){_TAIL}(?P<cont>,\s+(?:(?P<ccue>{_CONT})\b|(?P<and>and)\s+(?=[^\W\d_])"
    # "..., Armenia's ministry said, an accusation Baku rejected": the other side's denial of it (_DENIED_CLAIM_RE)
    rf"|(?P<denied>(?=(?:a|an|the)\s+{_DENIED_NOUN}\s|which\s+[A-Z])))[^\n]{{1,200}}?)?[\s.!?…]*$"
)
# "P, Monument Watch, a Yerevan-based research group, said on Tuesday.": a name and its appositive, each closed by a
# comma, before a cue that ends the sentence.
_NAMED_APPOSITIVE_CUE_RE = re.compile(
    rf",\s*(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}})\s*,\s*(?P<appos>(?:(?:an?|the)\s"
    # ... or an office without its article: "Elchin Huseynov, head of the district administration, told APA".
    rf"|[a-z][\w-]+(?:\s+[a-z][\w-]+)?\s+(?:of|for|at)\s){_NPC}{{1,80}}?)\s*,"
    rf"\s*(?P<cue>{_SAY})(?:\s+(?:the\s+press|{_CUE_OBJECT}))?{_TAIL}[\s.!?…]*$"
)
# "P, the district head, Anar Rzayev, told Reuters.": the appositive before the name, each closed by a comma.
_APPOSITIVE_NAMED_CUE_RE = re.compile(
    rf",\s*(?P<appos>(?:an?|the|its|his|her|their)\s{_NPC}{{1,80}}?)\s*,"
    rf"\s*(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{1,3}})"
    rf"\s*,?\s*(?P<cue>{_SAY})(?:\s+(?:the\s+press|{_CUE_OBJECT}))?{_TAIL}[\s.!?…]*$"
)
# What may follow a leading quote for it to be a direct quote: ', the minister said' / ', said X'.
_AFTER_QUOTE_RE = re.compile(
    rf"\s*,?\s*(?:(?P<np>{_NP})(?:\s*,\s*(?P<appos1>[^;:\"“”«»„]{{1,200}}?)\s*,)?\s+(?:{_ADV}\s+)*?"
    rf"(?P<cue>(?:{_CUE_ADV}\s+)*{_SAY})"
    rf"(?:\s+{_CUE_OBJECT})?"
    rf"|(?P<cue2>{_INVERTED_SAY})\s+(?P<np2>{_NP}){_APPOSITIVE}){_TAIL}"
    # ... or a relative clause on where or when it was said: '..., told Reuters at the site, where a crater ...'
    rf"(?=[\s.!?…]*$|\s*[,:]\s*{_QUOTE_OPENS}|,\s+{_CONT}\b|,\s+(?:where|when)\s)"
)
# A dateline's place in capitals, up to four words: "BAKU", "YEREVAN/BAKU", "NEW YORK".
_DATELINE_PLACE = r"[A-Z][A-Z'’.]+(?:(?:[ -]|\s?/\s?)[A-Z][A-Z'’.]+){0,3}"
# A wire dateline opening the story: "BAKU, Sept 13 (Reuters) - ", "YEREVAN: ", "WASHINGTON ― ".
_DATELINE_RE = re.compile(  # "BAKU, Sept 13 (Reuters) - ", "YEREVAN/BAKU, March 14 (AP) -- "
    _DATELINE_PLACE + r"(?:,[^\n:;\"“”«»„–—―]{1,40}?)?(?:\s*\([^()\n]{1,30}\))?"
    r"[^\S\n]*(?::|--?|[–—―])[^\S\n]+(?=[A-Z\"“«])"
    # "YEREVAN, JULY 12, NEWS.AM. ": a city, a date and the outlet in capitals, closed by a full stop
    r"|" + _DATELINE_PLACE + r",[^\n:;\"“”«»„–—―]{1,30}?,"
    r"[^\S\n]*[A-Z][A-Z0-9-]*(?:\.[A-Z]+)?\.[^\S\n]+(?=[A-Z\"“«])"
)
# A unit that is a dateline and nothing more, the splitter having cut it off: "BAKU, October 21 (AZERTAC)." It
# says nothing, so it is no narrator statement (nor what a denial after it points back at).
_DATELINE_ALONE_RE = re.compile(
    _DATELINE_PLACE +
    # a date (a digit in it), an outlet in brackets, or both: "US, EU CONDEMN ATTACK" is a headline
    r"(?:,[^\n:;\"“”«»„–—―()\d]{0,20}\d[^\n:;\"“”«»„–—―()]{0,20}(?:\s*\([^()\n]{1,30}\))?"
    r"|(?:,[^\n:;\"“”«»„–—―()]{1,40})?\s*\([^()\n]{1,30}\))[\s.:–—―-]*"
)
# What may stand between a lead-in's cue and its colon: "said in a statement:", "told reporters on Monday:".
_LEAD_IN_TAIL_RE = re.compile(r"[^.!?\n\"“”«»„]{0,80}:")
# A transcript's speaker label opening a paragraph, maybe inside a quote running over paragraphs: '"PENCE: Well'.
_TURN_RE = re.compile(r"(?:^|(?<=\n\n))[^\S\n]*[\"“]?(?P<np>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2})(?P<colon>:)[^\S\n]")
# A dash and a name closing the line after a quote: '“Q” ― Jane Doe.' (see _signed_quotes).
_SIGNED_RE = re.compile(
    r"[^\S\n]*,?[^\S\n]*(?P<dash>[―—–])[^\S\n]*(?P<np>[^\W\d_][^\n,;:\"“”«»„]{0,60}?)[^\S\n]*\.?[^\S\n]*(?=\n|$)"
)
# After the cue: ", citing unnamed sources, that" / ", in a statement, that".
_QUOTE_SEP_RE = re.compile(r"\s*[,:]\s*")
_PAREN_RE = re.compile(
    rf"\s*,\s*{_NPC}{{1,80}}?\s*,\s*(?=that\b)"
    rf"|\s*,\s*(?:citing|quoting|referring\s+to|in|on|at)\b{_NPC}{{0,80}}?,\s*"
)
_GAP_THAT_RE = re.compile(rf"\s+(?P<gap>{_NPC}{{1,60}}?)(?=\s+that\b|\s*:\s*{_QUOTE_OPENS})")
# ... not the subject of what follows: "said that was not true", "said that figure was invented" (or "said that
# reports were false": a denial either way).
_THAT_RE = re.compile(r"\s*that\b(?!\s+(?:(?:claims?|reports?|figures?|numbers?|accounts?|versions?|stor(?:y|ies)"
                      r"|statements?|allegations?|accusations?|information|footage|videos?)\s+)?(?:is|was|are|were)\s+"
                      rf"(?:not\b|untrue\b|{_DISMISSAL}))")
_STATES_CUE_RE = re.compile(r"\s*(?:that\b|:)")
# "has learned" reports only what follows "that" or a colon ("News.am has learned from sources in the company that
# ..."), not "the family has learned of his death".
_LEARNED_CUE_RE = re.compile(r"ha(?:s|ve)\s+learn(?:ed|t)", re.IGNORECASE)
_LEARNED_THAT_RE = re.compile(r"\s*(?:that\b|:|from\s+[^.;:\"“”«»„]{1,80}?\s+that\b)")
# "The war claimed more than 6,500 lives", "the clashes claimed the lives of 17 soldiers": "claimed" as "killed".
_CLAIMED_LIVES_RE = re.compile(r"\s+(?:the\s+lives\b|(?:(?:more\s+than|at\s+least|some|over|nearly|almost|about"
                               r"|around|up\s+to)\s+)?(?:\d[\d,.]*|(?:dozens|hundreds|thousands|tens\s+of\s+thousands)"
                               r"\s+of|many|several|two|three|four|five|six|seven|eight|nine|ten)"
                               r"(?:\s+(?:hundred|thousand|million))?\s+(?:\w+\s+)?lives\b)", re.IGNORECASE)
# The verdict may come before the object: "rejected as propaganda reports that ...", "dismissed as baseless the
# assertion by the ministry that ...", 'dismissed as "groundless" the reports that ...' (a masked quote).
_CLAIMS_RE = re.compile(
    # "the Armenian Defense Ministry's statement that": up to four words of whose
    r"\s*(?:as\s+(?:[\"“«]x*[\"”»]\s+|(?:[\w'’-]+\s+){1,3}?))?"
    r"(?:(?:the|these|those|such|all)\s+)?(?:[\w'’-]+\s+){0,4}?"
    r"(?:claims?|reports?|allegations?|accusations?|suggestions?|assertions?|rumou?rs?|information|statements?"
    r"|speculation|accounts?|version|charges?|talk)"
    r"(?:\s+(?:of|by|from|in)\s+[^,;.:\"“”«»„]{1,60}?\s+that\b|\s+(?:that|of|about)\b)",
    re.IGNORECASE,
)
# ... or before a thing shown, not a claim: "dismissed as staged the photographs of missile fragments".
_AS_DISMISSAL_RE = re.compile(rf"\s*as\s+{_DISMISSAL}\s+(?=[\w\"“'‘])", re.IGNORECASE)
# A denial whose object only points back at something said before: "rejected that claim", "denied it",
# "dismissed this as lies".
# An appositive that reports the other side's denial inside a claim: "..., a claim rejected by Armenia's
# defence ministry, which said all positions were held" / "..., a claim Baku dismissed as disinformation" /
# "..., which Yerevan denied".
_DENIED_CLAIM_RE = re.compile(
    rf",\s+(?:(?:a|an|the)\s+{_DENIED_NOUN}\s+(?:that\s+)?"
    # "..., which Yerevan denied" / "..., which was denied by Baku" (not "the ministry, which on Monday denied")
    r"|(?:which|something)\s+(?=[A-Z]|(?:the|its|his|her|their|was|were|has\s+been|had\s+been)\b))"
    rf"(?:(?:(?:was|were|has\s+been|had\s+been)\s+)?(?P<cue_by>{_alt(DENY_CUES)})\s+by\s+(?P<np_by>[^,;:.\"“”«»„]{{1,80}}?)(?=\s*[,;.]|\s*$|\s+as\b)"
    # the denier, then auxiliaries and adverbs ("a claim Yerevan firmly rejects")
    rf"|(?P<np>[^\s,;:.\"“”«»„][^,;:.\"“”«»„]{{0,60}}?)\s+"
    r"(?:(?:has|have|had|also|(?-i:(?!family\b|ally\b|assembly\b)[a-z]+ly))\s+)*"
    # "..., a claim that Yerevan described as absurd": a verdict verb denies with its dismissal
    # (read on the masked text: a quoted verdict, 'described as "absurd"', is one too)
    rf"(?P<cue>{_alt(DENY_CUES)}|(?:described|branded|termed|labell?ed)(?=\s+as\s+(?:{_DISMISSAL}|[\"“]x))"
    # "..., a claim Armenian officials called absurd"
    rf"|called(?=\s+(?:{_DISMISSAL}|[\"“]x))))\b"
    r"(?P<verdict>\s+as\s+[^,;.]{1,60})?"
    r"(?:\s*,\s*(?:which|who)\s+(?P<say>said|says|insisted|insists|added|stated)\s+(?:that\s+)?)?",
    re.IGNORECASE,
)
# A verdict that what was reported is not so: "does not correspond to reality", "does not reflect reality".
_NOT_REAL = (r"(?:(?:does|do|did)\s+not|doesn['’]t|don['’]t|didn['’]t)\s+(?:in\s+any\s+way\s+)?"
             r"(?:correspond\s+to|reflect)\s+(?:the\s+)?(?:reality|truth|facts?)"
             r"|(?:has|have|had)\s+nothing\s+(?:at\s+all\s+)?to\s+do\s+with\s+(?:the\s+)?(?:reality|truth|facts?)"
             r"|(?:is|are|was|were)\s+far\s+from\s+(?:the\s+)?(?:truth|reality)")
# A content that calls the other side's claim false: "the claims of the Armenian side about shelling of Jermuk
# are completely false", "Claims that the protest was organised by the state are groundless". The words the
# claim makes ("shelling of Jermuk") are group "claim"; the statement denies them.
_DISMISSED_CONTENT_RE = re.compile(
    r"(?:(?:the|these|those|such|all)\s+)?(?:[\w'’-]+(?:'s|’s)?\s+){0,3}?"
    r"(?:claims?|reports?|allegations?|accusations?|information|assertions?|statements?|rumou?rs?)\s+"
    # whose: "of the Armenian side", "from Yerevan" (a name: "reports of attacks on villages" are of attacks)
    r"(?:(?:of|by|from)\s+(?:the\s+)?(?-i:[A-Z])[\w'’-]+(?:\s+(?:side|media|authorities|government|officials))?\s+"
    # "The information spread by Armenian media and the so-called "defense army" about P does not reflect reality"
    r"|(?:(?:spread|disseminated|circulated|published|issued|voiced|released)\s+)?by\s+[^;:]{1,80}?\s+)?"
    r"(?:that|about|of|on|(?:alleging|claiming|saying|suggesting)(?:\s+that)?)\s+(?P<claim>[^;:]{3,200}?)\s+"
    rf"(?:(?:is|are|was|were)\s+(?:(?:also|simply|just|all)\s+)?{_DISMISSAL}|{_NOT_REAL})"
    # ... "were a cynical attempt to shift the blame for a premeditated murder"
    r"(?:\s+(?:for|of|over|from|in|on)\s+[^,;.\"”]{1,60})?[\s\"”’'.!?]*$",
    re.IGNORECASE,
)
# ... or says so before it: "There is no truth to the claim that P", "It is not true that P".
_NO_TRUTH_THAT_RE = re.compile(
    r"(?:there\s+(?:is|was)\s+no\s+truth\s+(?:in|to)\s+(?:(?:the|any|these|those|such)\s+)?(?:[\w'’-]+\s+){0,2}?"
    r"(?:claims?|reports?|allegations?|assertions?|suggestions?|accusations?)"
    r"|it\s+(?:is|was)\s+(?:(?:absolutely|simply|completely|totally)\s+)?(?:not\s+true|untrue|false|a\s+lie))"
    r"\s+that\s+(?P<claim>(?:(?![.!?]\s+[A-Z\"“])[^;:]){3,300}?)[\s\"”’'.!?]*$",
    re.IGNORECASE,
)
# A content that calls what the other side said false without repeating it: "the information does not correspond
# to reality", "the report was disinformation", "This is another lie of the Azerbaijani side", "Azerbaijan's
# accusations are groundless". The statement denies, pointing back at the claim before it.
_SPREADS_LIES = (r"(?:(?:is|are|was|were|has\s+been|have\s+been|had\s+been|continues\s+to|continue\s+to|continued\s+to"
                 r"|keeps|keep|kept)\s+)?(?:(?:once\s+again|again|still|deliberately|constantly)\s+)?"
                 r"(?:(?:spreading|spread|spreads|disseminating|disseminates|circulating|circulates)\s+"
                 r"(?:(?:(?:deliberately\s+)?(?:false|fake)\s+(?:information|news|reports?))|disinformation"
                 r"|misinformation|lies|fakes?|falsehoods?)|lying"
                 # "staging the drone story", "fabricating the report": what it calls made up is a story, not an act
                 r"|(?:staging|fabricating|inventing|making\s+up|concocting)\s+"
                 r"(?:the|this|that|these|a|an|its|their)\s+(?:[\w'’-]+\s+){0,2}?"
                 r"(?:stor(?:y|ies)|reports?|claims?|news|footage|videos?|accusations?|allegations?|narratives?|accounts?))")
_DISMISSED_POINTER_RE = re.compile(
    r"[\"“]?(?:(?:the|this|that|these|those|such|all|its|their|his|her|[\w'’-]+(?:'s|’s))\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:information|reports?|claims?|statements?|allegations?|accusations?|news|version|assertions?|charges?"
    r"|rumou?rs?|explanations?|narratives?|stor(?:y|ies)|footage|videos?|images|photos?|figures?|numbers?|tall(?:y|ies)"
    r"|accounts?|this|that|it|these|those|they)"
    r"(?:\s+(?:(?:spread|disseminated|published|circulated|made|issued|released|voiced|given|posted|distributed)\s+)?"
    r"(?:by|from|of|in|on|about)\s+[^,;:.\"“”]{1,60}?|\s+to\s+the\s+contrary)?"  # "reports to the contrary"
    rf"\s+(?:(?:(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:(?:also|simply|just|all)\s+)?"
    rf"{_DISMISSAL})|{_NOT_REAL})"
    r"(?:\s+(?:of|by|from|spread\s+by)\s+[^,;:.\"“”]{1,60})?[\s\"”’'.!?]*"
    # "this was not the case", "no such incident had taken place", "nothing of the kind happened"
    r"|[\"“]?(?:(?:this|that|it)\s+(?:is|was)\s+not\s+the\s+case"
    # "there was no truth to the claim", "There is no truth in Yerevan's story"
    r"|there\s+(?:is|was)\s+no\s+truth\s+(?:in|to)\s+(?:the|this|that|these|those|such|any\s+such|[\w'’-]+(?:'s|’s))\s+"
    r"(?:[\w'’-]+\s+){0,2}?(?:claims?|reports?|allegations?|accusations?|statements?|information|news|charges?"
    r"|version|accounts?|stor(?:y|ies)|narratives?|assertions?)"
    r"|(?:no\s+such|nothing\s+of\s+the\s+(?:kind|sort))(?:\s+[\w'’-]+){0,2}?\s+(?:(?:has|had|have)\s+(?:ever\s+)?)?"
    r"(?:been\s+recorded|taken\s+place|took\s+place|occurred|happened|was\s+recorded))[\s\"”’'.!?]*",
    re.IGNORECASE,
)
# A counter-accusation: "Baku was spreading disinformation again", "the Armenian side is once again spreading false
# information", "Yerevan is lying". It answers the claim before it, when there is one; "... is lying about her
# support for the deal" names what it accuses and answers nothing.
_COUNTER_ACCUSATION_RE = re.compile(
    rf"[\"“]?(?:[\w'’-]+\s+){{1,5}}?{_SPREADS_LIES}(?:\s+(?:again|once\s+again))?"
    # "... to cover up an incident within its own unit": why, not what else it says
    r"(?:\s+(?:in\s+order\s+)?to\s+(?:cover|hide|conceal|justify|divert|distract|mislead|discredit|deflect|mask"
    r"|whitewash|shift)\b[^.;:]*)?"
    r"[\s\"”’'.!?]*",
    re.IGNORECASE,
)
_POINT_BACK_RE = re.compile(
    r"\s*(?:(?:the|that|this|these|those|such|its|their|his|her|all|any\s+such)\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:claims?|reports?|allegations?|accusations?|statements?|information|assertions?|version|charges?|accounts?"
    r"|remarks?|comments?|news|explanations?|narratives?|stor(?:y|ies)|figures?|readings?|interpretations?"
    r"|descriptions?|characteri[sz]ations?|portrayals?|depictions?"
    r"|it|this|that|them|these|those)"
    # ... but "the assertion by the ministry that X" says what it denies.
    r"(?:\s+(?:as|outright|categorically|flatly|firmly|on|in|at|during|late|earlier|later|by"
    # "the accusations coming from Baku", "the claims made by Yerevan"
    r"|(?:coming|made|voiced|spread|circulated|levell?ed|issued|published|put\s+forward)\s+(?:by|from|in)"
    r"|of\s+(?:the\s+)?(?:events?|incidents?|what\s+happened))\b(?:(?!\bthat\b)[^,;]){0,80}?)?"
    r"[\s.!?…]*"
    # "denied any such shelling"
    r"|\s*any\s+such\s+[\w'’-]+(?:\s+[\w'’-]+)?[\s.!?…]*"
    # "the statement of the Armenian Defense Ministry": whose, by name only ("the claims of Armenian shelling" says
    # what)
    r"|\s*(?:the\s+)?(?:[\w'’-]+\s+){0,2}?(?:claims?|reports?|allegations?|accusations?|statements?|information"
    r"|version|accounts?)\s+of\s+(?:the\s+)?(?-i:[A-Z][\w'’.-]*)"
    r"(?:\s+(?:(?-i:[A-Z][\w'’.-]*)|of|the|and)){0,6}[\s.!?…]*",
    re.IGNORECASE,
)
# ... and "citing military sources", "citing a military source"; a speaker that is "a source" (_UNNAMED_RE).
_HEDGE_RE = re.compile(rf"\b(?:{_alt(HEDGES)}|citing\s+(?:an?\s+)?(?:[\w-]+\s+){{1,2}}sources?)\b", re.IGNORECASE)
_UNNAMED_RE = re.compile(r"\b(?:sources?|insiders?)\b", re.IGNORECASE)
_QUOTE_CHAR_RE = re.compile(r"[\"“”«»„]")
# A quotation in single quotes, British style ("'We did not open fire,' the ministry said"), where nothing else can
# be read so: the opening mark starts a word, the closing mark follows final punctuation or a comma (an apostrophe
# never does), and any mark inside is an apostrophe ("Armenia's", "soldiers' families").
_SINGLE_QUOTE_RE = re.compile(r"(?<![\w'‘’])['‘](?=\w)(?:[^'‘’\n]|(?<=\w)['’](?=\w)|(?<=s)['’](?=\s))*?[,.!?]['’]"
                              r"(?=\s|$|[)\]])")
_BLANK_LINE_RE = re.compile(r"\n[^\S\n]*\n\s*")
_RELATED_RE = re.compile(
    rf"^[^\S\n]*(?:{_alt(RELATED_MARKERS)})[^\S\n]*[:.…]?[^\S\n]*$", re.IGNORECASE | re.MULTILINE
)
_CHROME = frozenset(line.casefold() for line in CHROME_LINES)
_WORD_RE = re.compile(r"\w")
_FIRST_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
