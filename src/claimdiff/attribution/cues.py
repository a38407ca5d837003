"""The cue tables and word lists the attribution rules are built from: edit these, not the patterns.

The reporting verbs, denial and description cues, hedges, site chrome and the small word lists that tell a
speaker noun phrase from a clause. :mod:`claimdiff.attribution.patterns` builds the regular expressions from them.
"""

from __future__ import annotations

__all__ = ["APPEAL_CUES", "CHROME_LINES", "CONF_CLEAR", "CONF_GUESS", "CONF_WEAK", "CONTINUATION_CUES", "DENY_CUES",
           "DESCRIBE_CUES", "DOCUMENT_CUES", "DOCUMENT_NOUNS", "DISMISSALS", "DISMISSAL_QUALIFIERS", "HEDGES",
           "OBJECT_CUES", "RELATED_MARKERS", "RESPONSE_VERBS", "SAY_CUES", "VERDICT_CUES", "VERDICT_TAILS"]


# --------------------------------------------------------------------------------------------------------------
# The cue tables. Edit these, not the regular expressions built from them in patterns.py.
# --------------------------------------------------------------------------------------------------------------

#: Reporting verbs: "X said (that) Y", "Y, X said", "Y, said X", "X: ..." and a quote followed by "X said".
SAY_CUES: tuple[str, ...] = (
    "said", "says", "say", "claimed", "claims", "claim", "stated", "states", "noted", "notes", "reported",
    "reports", "announced", "announces", "added", "adds", "warned", "warns", "insisted", "insists", "told",
    "tells", "declared", "declares", "stressed", "stresses", "emphasized", "emphasised", "emphasizes",
    "emphasises", "asserted", "asserts", "alleged", "alleges", "confirmed", "confirms", "argued", "argues",
    "explained", "explains", "wrote", "writes", "maintained", "maintains", "informed", "informs", "assured",
    "assures", "tweeted", "tweets", "was quoted as saying", "were quoted as saying", "is quoted as saying",
    # Blame names the accused first: "Baku accused Yerevan of shelling Tovuz" -> "Yerevan of shelling Tovuz".
    "accused", "accuses", "blamed", "blames",
    # An outlet's own finding: "News.am has learned (from sources in the company) that ..." (not a bare "learned":
    # "the family learned of his death").
    "has learned", "have learned", "has learnt", "have learnt",
)
#: Reporting verbs said only by a written text: "the ministry's statement read: ...". Cues only right after one
#: of DOCUMENT_NOUNS ("he read the report" reports nothing).
DOCUMENT_CUES: tuple[str, ...] = ("read", "reads")
DOCUMENT_NOUNS: tuple[str, ...] = ("statement", "communique", "communiqu\u00e9", "message", "letter", "release",
                                   "post", "note", "resolution", "declaration")
#: Requests whose content begins with the addressee: "X called on the UN to send observers".
APPEAL_CUES: tuple[str, ...] = ("appealed to", "appeals to", "called on", "calls on", "urged", "urges")
#: Verbs whose content is denied: "X denied that Y", "X rejected claims that Y", "X rejected that claim".
DENY_CUES: tuple[str, ...] = (
    "denied", "denies", "deny", "rejected", "rejects", "reject", "dismissed", "dismisses", "dismiss",
    "refuted", "refutes", "refute", "disputed", "disputes", "rebuffed", "rebuffs", "contradicted", "contradicts",
)
#: "X described as 'absurd' the claims that Y": the cue runs on to the quoted (or bare) word after "as".
#: Only taken as a denial when "the claims/reports that ..." (or a pointer back such as "this") follows.
DESCRIBE_CUES: tuple[str, ...] = (
    "described as", "describes as", "branded as", "brands as", "labelled as", "labeled as", "labels as",
)
#: Cues that may take an object before "that" or a colon: "told reporters that Y", "told Reuters: '...'".
OBJECT_CUES: tuple[str, ...] = (
    "told", "tells", "informed", "informs", "assured", "assures", "warned", "warns", "reminded", "reminds",
    "has learned", "have learned", "has learnt", "have learnt",
)
#: Participles that continue the current speaker: '"...," he said, adding that Y'.
CONTINUATION_CUES: tuple[str, ...] = (
    "adding", "noting", "stressing", "saying", "claiming", "insisting", "warning", "explaining", "denying",
    "rejecting", "dismissing", "accusing", "blaming",
)
#: What a speaker did before a participle that says what they said: "Yerevan hit back, saying ...", "the ministry
#: went further, claiming ...". A reporting cue only with a continuation cue (above) after the comma.
RESPONSE_VERBS: tuple[str, ...] = (
    "hit back", "struck back", "fired back", "shot back", "pushed back", "responded", "reacted", "went further",
    "weighed in", "followed up", "objected", "disagreed", "spoke out", "doubled down", "broke its silence",
    "broke his silence", "broke her silence", "issued a statement", "released a statement", "put out a statement",
    "published a statement", "issued a denial",
)
#: Verbs that deny by a verdict on their object: "described the allegations as groundless", "called the
#: reports lies". Taken as a denial cue only when a dismissal (below) follows "as" or the object.
VERDICT_CUES: tuple[str, ...] = (
    "described", "describes", "called", "calls", "branded", "brands", "termed", "terms", "labelled", "labeled",
    "labels", "dismissed", "dismisses",
)
#: What a denial calls what it denies.
DISMISSALS: tuple[str, ...] = (
    "groundless", "baseless", "unfounded", "false", "untrue", "lie", "lies", "fabrication", "fabrications",
    "fabricated", "disinformation", "misinformation", "propaganda", "absurd", "nonsense", "fake", "fake news",
    "fiction", "fantasy", "slander", "lying", "manipulation", "manipulations",
    "falsehood", "falsehoods", "falsification", "invention", "inventions", "invented", "myth", "hoax",
    "unsubstantiated", "ridiculous", "preposterous", "slanderous", "misleading", "smear", "libel", "not true",
    "incorrect", "untruthful", "pretext", "pretexts", "distortion", "distortions", "smokescreen", "smoke screen",
    # a report or a video said to be made ("the footage was staged by Kyiv")
    "staged", "forged", "forgery", "doctored", "made up",
    # a figure said to be inflated: "called the figures a gross exaggeration"
    "exaggeration", "exaggerations", "exaggerated", "inflated",
    # a verdict on the motive: "a crude attempt to shift responsibility"
    "attempt to mislead", "attempt to deceive", "attempt to shift responsibility", "attempt to shift the blame",
    "attempt to shift blame", "attempt to deflect", "attempt to distort", "attempt to cover up",
)
#: Words that may stand between "as"/"is" and a dismissal: "a complete fabrication", "a political manipulation".
DISMISSAL_QUALIFIERS: tuple[str, ...] = (
    "a", "an", "completely", "totally", "absolutely", "utterly", "entirely", "pure", "sheer", "outright", "another",
    "baseless", "blatant", "complete", "total", "absolute", "cynical", "political", "deliberate", "crude", "gross",
    "shameless", "malicious", "obvious", "clear", "yet", "simply", "just", "nothing but", "no more than", "cheap",
    "clumsy",
    # a dismissal may qualify another: "an absurd pretext", "a false narrative"
    "absurd", "false", "ridiculous", "groundless", "unfounded", "fabricated", "fake", "preposterous",
)
#: Participles after a denied content that say what the speaker called it (", calling them disinformation"):
#: they end the content.
VERDICT_TAILS: tuple[str, ...] = ("calling", "describing", "branding", "terming", "labelling", "labeling")
#: Phrases that mark a statement as hedged (its source admits it is unverified or unnamed).
HEDGES: tuple[str, ...] = (
    "citing unnamed sources", "citing anonymous sources", "citing unidentified sources", "citing sources",
    "unnamed sources", "anonymous sources", "unidentified sources", "sources said", "according to sources",
    "reportedly", "allegedly", "purportedly", "unconfirmed reports", "unconfirmed",
    "could not be independently verified", "could not be verified",
    # an unnamed source's terms, in wire copy: "speaking on condition of anonymity", "who declined to be named"
    "on condition of anonymity", "declined to be named", "asked not to be named", "requested anonymity",
    "not be named", "not be identified", "declined to be identified",
    "not authorised to speak", "not authorized to speak",
)
#: A line holding only one of these ends the article: what follows is the site's teasers for other pages.
#: (The seed page ends with "Читайте также" blocks.) A marker on the text's very first line is ignored.
RELATED_MARKERS: tuple[str, ...] = (
    "Читайте также", "Также читайте", "Читайте еще", "Читайте ещё", "Read also", "Read more", "Related",
    "Related articles", "Related stories", "Related news", "See also", "More on this topic", "More stories",
)
#: Whole lines of site chrome, dropped wherever they stand (compared case-insensitively).
CHROME_LINES: tuple[str, ...] = (
    "Skip to main content", "Skip to content", "Skip to navigation", "Advertisement", "Share",
    "Share this article", "Subscribe", "Sign in", "Log in", "Menu", "Print", "Comments", "Cookie settings",
)

# Confidence of a statement: clear patterns get 1.0; those whose speaker or content boundary is a guess less.
CONF_CLEAR = 1.0
CONF_WEAK = 0.6     # inverted "Y, X said" (where Y starts is a guess), pronoun speakers, pointers back
CONF_GUESS = 0.4    # a quote with no attribution in its sentence

# Words that may stand between the speaker and the cue: "The ministry has also said".
_ADVERBS = (
    "has", "have", "had", "also", "later", "earlier", "previously", "further", "again", "repeatedly",
    "reportedly", "allegedly", "then", "now", "once", "recently", "officially", "publicly", "firmly",
    "categorically", "flatly", "strongly", "immediately", "swiftly", "quickly", "itself", "himself", "herself",
)
# Words after an inverted cue that still belong to the attribution: "..., the ministry said on Tuesday."
_TAIL_WORDS = (
    "in", "on", "at", "during", "late", "early", "earlier", "later", "after", "before", "when", "while", "to",
    "via", "through", "from", "yesterday", "today", "tonight", "overnight", "this", "last", "without",
    "citing", "quoting", "referring", "according", "by", "over",  # "told Reuters by phone", "over the phone"
)
# A prepositional phrase between a cue and "that": "said in a statement on Tuesday that Y".
_GAP_WORDS = ("in", "on", "at", "during", "after", "late", "early", "earlier", "later", "yesterday", "today",
              "overnight", "via", "through", "to", "from", "this", "last")
# Leading adverbials stripped before looking for the speaker: "Late on Friday, the ministry said".
_ADVERBIAL_STARTS = (
    "On", "In", "At", "Late", "Early", "Earlier", "Later", "Meanwhile", "However", "Also", "Overnight",
    "Yesterday", "Today", "Since", "During", "After", "Before", "By", "Following", "Separately", "Moreover",
    "Furthermore", "Then", "Now", "Previously", "Last", "This", "Speaking", "Asked", "Responding",
    "Commenting", "Citing", "Addressing", "Quoting", "Referring",
)
# Lower-case words that open an aside, not an appositive: "X, however, said" / "X, for his part, said".
_NOT_APPOSITIVE = frozenset({
    "however", "too", "also", "though", "although", "for", "with", "as", "by", "like", "unlike", "meanwhile", "then",
    "now", "once", "again", "if", "asked", "not", "instead", "still", "and", "but", "or", "nor", "so", "yet",
    "because", "which", "where", "since", "even", "just", "only", "that", "it", "he", "she", "they", "we", "i", "you",
    "there", "here", "adding", "saying", "noting",
})
_NOT_APPOSITIVE_NAMES = frozenset({
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December", "However", "Too",
})
# A speaker noun phrase never contains these (they signal a clause, not a name).
_NP_STOPWORDS = frozenset(
    "is are was were be been being am will would can could should shall may might must do does did not that "
    "which who whom whose where when if because after before since while although though but as than so "
    "there here what how why has have had".split()
)
# A speaker never opens with a conjunction or a preposition ("said at a Washington event", "said of RT").
_NP_BAD_FIRST = frozenset({"and", "or", "nor", "but", "yet", "then", "though", "also", "however", "at", "in", "on",
                           "of", "during", "after", "before", "from", "to", "for", "with", "by", "about"})
_CONJUNCTIONS = frozenset({"and", "or", "nor", "but"})   # nor does it end with one: "her press secretary and"
_DETERMINERS = frozenset({"the", "a", "an", "this", "these", "those", "its", "his", "her", "their", "our", "my"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
# Lower-case "-ed" words that are adjectives in speaker phrases; any other one is taken for a verb.
_NP_ED_OK = frozenset({
    "armed", "unnamed", "unidentified", "self-proclaimed", "so-called", "based", "related", "elected",
    "united", "retired", "detained", "displaced", "concerned", "appointed", "recognized", "recognised",
    "unrecognized", "unrecognised", "hundred", "red", "wounded", "injured", "informed", "specialized",
    "specialised", "qualified", "authorized", "authorised", "unauthorized", "unauthorised",
    # participles that place a group: "peacekeepers deployed in the region", "troops stationed near Lachin"
    "deployed", "stationed", "posted", "positioned",
    # ... or in an affair: "an official involved in the talks"
    "involved",
})
# Cue words that are also plural nouns: in "Armenian media reports said", "reports" is not the cue.
_NOUN_LIKE_CUES = frozenset({"reports", "claims", "claim", "states", "notes", "says"})

_OPEN_Q = "\"“«„"
_CLOSE_Q = "\"”»“"
_FINAL_PUNCT = ".!?…։。！？"        # with the Armenian full stop and CJK/full-width marks
_TRIM_PUNCT = _FINAL_PUNCT + ",;:"
