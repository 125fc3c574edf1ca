"""The rules that find loop events in what a sender wrote.

Each rule reads one sentence of ``Message.new_text`` (never quoted replies,
forwards or signatures) and cites it as evidence. Judgement calls, so that a
user can predict the result:

- ``thanks`` is gratitude for help already given: "thanks for the
  introduction", "I really appreciate your help", "thanks again". A sign-off
  ("Thanks,\\nJohn", a closing "Thanks!" after the message) is not thanks;
  neither is "thanks in advance", "thanks for any help", "thank you for your
  email/interest/patience/consideration", nor "thanks for your help" closing a
  message that asks for something (that is thanks in advance in other words).
  A message whose whole text is "Thanks!" or that opens with a thank-you
  ("Thanks. I'll call him.") thanks the recipient for what came before.
- ``ask`` is a request to the recipient for help, a contact, advice or
  information: a direct question ("Do you know anyone at Dynegy?"), or a
  request ("Please send me the file", "Let me know what you think", "I would
  appreciate your comments"). Offers and boilerplate are not asks: "let me
  know if you have any questions", "feel free to call", "please see attached",
  pleasantries ("How are you?").
- ``intro`` is the sender connecting the recipient with a third person:
  "I'd like to introduce you to Sara", "Jeff, meet Bob", "I'm putting you in
  touch with", "you should talk to Mark Davis", "I gave your name to Sara",
  "I've asked Bob to call you". A pointer to a help desk ("contact IT at
  x3-1234 with questions") and introducing oneself are not introductions.
- ``outcome`` reports how help turned out: "thanks to your introduction, we
  signed", "your advice worked", "I got the job", "I met with Sara, whom you
  suggested".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from closeloop.core.message import Message

from .bulk import bulk_reason
from .text import quoted_text, sentences

__all__ = ["Finding", "calendar_notice", "detect", "detect_text", "is_ask", "KINDS"]

Kind = Literal["intro", "ask", "thanks", "outcome"]
KINDS: tuple[Kind, ...] = ("intro", "ask", "thanks", "outcome")


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the sender does in a message, and the sentence that shows it."""

    kind: Kind
    evidence: str


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE | re.VERBOSE)


# ---------------------------------------------------------------- thanks

_THANK = (r"\b(?:thank\s+you|thanks|thank\s+u|thx|thanx|thnx|tysm|ty|cheers|many\s+thanks|much\s+thanks|(?:muchas\s+)?gracias|merci(?:\s+beaucoup)?|danke(?:\s+sch(?:ö|oe)n)?|grazie(?:\s+mille)?|obrigad[oa]|(?:tusen\s+|mange\s+)?takk(?!\s+for\s+at\s+du\s+(?:bruker|brukte|handlet|valgte|har\s+valgt|er\s+kunde))|tack(?=\s+(?:för|for|så))|(?:mange\s+)?tak(?=\s+for)"
    r"|dzi[eę]kuj[eę](?:\s+bardzo)?|dzi[eę]ki|vielen\s+dank|(?:heel\s+erg\s+)?bedankt|dank\s+(?:je|u)(?:\s+wel)?|kiitos(?:\s+paljon)?"
    r"|(?:çok\s+)?te[sş]ekk[uü]r(?:ler|\s+ederim)|(?:bahut\s+)?shukriya|dhanyavaa?d|asante(?:\s+sana)?|mul[tț]umesc|spasibo|gr[aà]cies|muito\s+obrigad[oa])")
_THANKS_FOR = _rx(
    _THANK + r"""(?:\s+(?:so|very|again|a\s+lot|a\s+bunch|a\s+million|much|tons|ever\s+so|once\s+again))*
    \s*,?\s+(?:(?:to\s+)?(?:you|all|everyone|both|y'all|guys)(?:\s+and\s+(?:[A-Z][a-z]+|your\s+\w+))?\s+|[A-Z][a-z]+,?\s+)?(?:again\s+)?(?:f[oö]r|in(?=\s+(?:helping|assisting|getting|making|pulling|putting|finding|taking|sorting|clarifying))|f[üu]r|por|pour|pelo|pela|pelos|pelas|voor|za|para)\s+(?P<object>[^.!?;]{1,80})"""
)
_THANKS_AGAIN = _rx(r"\b(?:thanks|thank\s+you)\s+(?:(?:so|very)\s+much\s+)?(?:again|once\s+again)\b")
_THANKS_STRONG = _rx(
    r"""\b(?:thank\s+you|thanks)\s+(?:so\s+much|very\s+much|a\s+million|a\s+ton|a\s+lot|a\s+bunch|tons)\b
    | \bmany\s+thanks\b | \bmuch\s+thanks\b | \bthanks\s+much\b | \bthank\s+you\s+thank\s+you\b"""
)
_APPRECIATE = _rx(
    r"""\b(?:i|we)\s+(?:have\s+|had\s+|always\s+|also\s+)?(?:really\s+|truly\s+|greatly\s+|sincerely\s+|so\s+|very\s+much\s+|certainly\s+|do\s+|definitely\s+)?
    (?:appreciate|appreciated)\s+(?P<object>[^.!?;]{0,60})
    | ^(?:(?:really|truly|so|greatly|sincerely|very\s+much|much|hugely|genuinely)\s+)?appreciate\s+(?P<object2>(?:you|your|it|that|this|all|the|everything)\b[^.!?;]{0,60})
    | \b(?:(?:much|greatly|really|very\s+much)\s+|(?:very|so|truly|hugely),?\s+(?:very\s+|so\s+)?)appreciated\b
    | \b(?:i\s+am|i'm|we\s+are|we're|i\s+feel|we\s+feel|i\s+remain|we\s+remain)\s+(?:and\s+)?(?:still\s+|always\s+|so\s+|very\s+|really\s+|truly\s+|most\s+|extremely\s+|deeply\s+|forever\s+){0,3}grateful\b
    | \b(?:express|extend|offer|send)\s+(?:my|our)\s+(?:sincere\s+|deepest\s+|heartfelt\s+|warmest\s+|deep\s+|sincerest\s+)?(?:gratitude|thanks|appreciation)\b
    | \bi\s+owe\s+you\b | \bowe\s+(?:u|ya|you)\s+(?:big(?:\s+time)?|one|so\s+much|a\s+(?:beer|drink|coffee|lunch|dinner|pint|round|meal))\b
    | ^(?:(?:really|so|very|truly|eternally|forever|super|hugely|genuinely|deeply)\s+)?grateful\b(?!\s+(?:if|in\s+advance|(?:for\s+)?(?:your|any)\s+(?:comments|views|input|feedback|thoughts|reply|response|help\s+(?:with|on|in)\s+(?:this|the\s+following))))
    | \bhow\s+(?:very\s+|truly\s+|deeply\s+|incredibly\s+)?grateful\s+(?:I|we)\s+(?:am|are)\b
    | \b(?:are|is)\s+(?:all\s+)?(?:so\s+|very\s+|really\s+|truly\s+|deeply\s+|incredibly\s+|hugely\s+)?grateful\s+(?:for|to\s+you|that\s+you)\b
    | \b(?:it|that|this|which|it\s+all)\s+(?:really\s+|genuinely\s+|truly\s+)?means?\s+(?:a\s+lot|so\s+much|the\s+world)\b(?!\s+of\b) | \bgenuinely\s+means?\s+(?:a\s+lot|so\s+much)\b | \bcan(?:'t|not|\s+not)\s+thank\s+you\s+enough\b | \b(?:ty|tysm)(?:\s+(?:ty|tysm))+\b | \byou(?:'re|\s+are)\s+(?:a|an|my)\s+(?:absolute\s+|total\s+|real\s+)?(?:lifesaver|life\s+saver|hero|star|angel|legend|gem|saint|godsend)\b | \byou(?:'re|\s+are)\s+the\s+best(?!\s+(?:person|one|fit|candidate|choice|placed|qualified|bet|option|judge|there\s+is|around|in\s+(?:the|town|[A-Z])))\b
    | \byou\s+rock\b"""
)
# Gratitude in other words ("couldn't have done it without you", "you've saved my autumn",
# "je bent een engel"), each tried only when its words occur: starting at every "it", "the"
# or "so" of every sentence, these would cost more than all the rest of the thank-you rules.
_GRATITUDE_PHRASES: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (gates, _rx(pattern)) for gates, pattern in (
        (('without',), r"""\bcould(?:n't|\s+not)\s+have\s+(?:done|managed|made|pulled\s+off)\s+(?:it|this|that|any\s+of\s+(?:it|this))\s+without\s+(?:you|your)\b"""),
        (('without',), r"""\b(?:none\s+of\s+(?:this|it)|this|it)\s+would(?:n't|\s+not)?\s+(?:be\s+happening|have\s+happened|be\s+possible|have\s+been\s+possible)\s+without\s+(?:you\b|your\b|(?:that|the|this)\s+(?:\w+\s+){1,2}(?:of\s+yours|you\s+(?:sent|wrote|made|gave|did)))"""),
        (('made my',), r"""\b(?:it|you|your\s+\w+|(?:that|this|the)\s+(?!news\b)[a-z]+(?:\s+you\s+[a-z]+)?)\s+(?:totally\s+|really\s+|just\s+|truly\s+)?made\s+my\s+(?:whole\s+|entire\s+)?(?:day|week|month|year)\b"""),
        (('your debt',), r"""\b(?:i'm|i\s+am|we're|we\s+are)\s+(?:forever\s+|truly\s+|deeply\s+|so\s+)?in\s+your\s+debt\b"""),
        (('saved my',), r"""\b(?:you(?:'ve|\s+have)?|that|this|it|your\s+\w+|that\s+\w+)\s+(?:really\s+|totally\s+|just\s+|literally\s+|truly\s+)?saved\s+my\s+(?:life|skin|bacon|neck|sanity|day|week|weekend|autumn|summer|winter|spring|semester|year|job|career|project|thesis)\b"""),
        (('dank', 'lief van', 'bent '), r"""\bdank\s+(?:je|u)(?:\s+wel)?\s+(?:dat|voor)\b | \bdanke,?\s+dass\b | \b(?:super\s+|heel\s+|zo\s+|erg\s+)?dankbaar\s+(?:voor|dat)\b | \bwat\s+lief\s+van\s+(?:je|jou|u)\b"""),
        (('bent ',), r"""\b(?:je|jij|u)\s+bent\s+(?:echt\s+)?(?:een\s+(?:engel|schat|held|topper|kanjer)|goud\s+waard)\b"""),
        ((' of you',), r"""\b(?:so|very|how|really|incredibly|extremely|too)\s+(?:kind|generous|thoughtful|sweet|lovely)\s+of\s+you\b(?!\s+to\s+(?:ask|offer|consider|think\s+of\s+me\s+for))"""),
        (('from ',), r"""\bthank\s+you,?\s+from\s+(?:both\s+of\s+us|all\s+of\s+us|us\s+(?:both|all)|the\s+(?:whole\s+)?(?:family|team))\b"""),
        (('we owe', 'we all owe', 'we both owe'), r"""\bwe\s+(?:all\s+|both\s+|really\s+)?owe\s+you\s*(?:[.!]|$|(?:big(?:\s+time)?|one|so\s+much|a\s+lot|everything)\b)"""),
        (('saver', 'heroes', 'stars', 'angels', 'legends', 'saints'),
         r"""\byou(?:\s+(?:and|&)\s+[A-Z][\w-]*|\s+(?:two|both|guys|all))?\s+are\s+(?:absolute\s+|total\s+|real\s+|such\s+)?(?:lifesavers|life\s+savers|heroes|stars|angels|legends|saints)\b"""),
))


# "That was a big help": gratitude, unless hedged ("Hopefully this is helpful" is
# the sender offering help, not thanking for it).
_HELPFUL = _rx(
    r"""\b(?:that|this|it|you)\s+(?:was|were|is|are|have\s+been|has\s+been)\s+(?:very\s+|really\s+|extremely\s+|super\s+|so\s+|such\s+|a\s+big\s+|a\s+huge\s+|a\s+great\s+)?(?:helpful|a\s+(?:big\s+|huge\s+|great\s+)?help)\b
    | \b(?:that|this|it|you|(?:that|this|the|your)\s+\w+)\s+(?:really\s+|truly\s+|totally\s+|definitely\s+)?helped\s+(?:me|us)\s+(?:out\b|a\s+lot\b|a\s+ton\b|tremendously\b|greatly\b)"""
)
_HEDGE = _rx(r"\b(?:hope|hopefully|may|might|should|would|could|will|if)\b")
# What one is not really thanked for: boilerplate, or help not yet given.
_NOT_GRATITUDE = _rx(
    r"""^(?:all\s+(?:of\s+)?)?(?:your?\s+|the\s+|this\s+|such\s+an?\s+)?(?:(?:continued|continuing|ongoing|quick|prompt|speedy|fast|timely|swift|kind|nice|lovely|beautiful|thoughtful|birthday|wonderful|great|sweet)\s+){0,3}(?:e-?mail|message|note|mail|letter|card|inquiry|enquiry|interest|order|purchase|business
    |patience|understanding|(?:cooperation|co-operation)(?!\s+(?:throughout|during|over\s+the|on\s+(?:the|this)\s+\w+|in\s+(?:getting|making|pulling|putting)))|attention|communicating|(?:prompt|immediate|quick|timely)\s+attention|consideration|considering|subscription
    |registering|registration|subscribing|signing\s+up|taking\s+the\s+time\s+to\s+(?:register|sign\s+up|subscribe)|shopping|choosing|being\s+(?:a|an|our)\s+(?:(?:very\s+)?important\s+(?:part|member|customer|client|partner)|valued|valuable|loyal|member|customer|client|subscriber|part)|visiting|(?:contacting|calling)\s+(?!me\b|back\b|my\b|him\b|her\b|them\b)(?![^.!?]*\bfor\s+(?:me|us)\b)(?:us\b|our\b|(?:[\w&'-]+\s*){1,3}$)|playing(?=\s*[,.!]*\s*$)
    |reading(?!\s+(?:the\s+whole|all\s+of|through|over|every|(?:my|our|the)\s+(?:\w+\s+)?(?:draft|thesis|chapter|paper|manuscript|cv|resume|essay|proposal|application|portfolio|dissertation)))|listening|your\s+time\s+and\s+consideration|participation|participating|responses?|repl(?:y|ies)|replying|responding|(?:the\s+)?cc\b|cc'?ing\s+me|copying\s+me|follow(?:-?up)?
    |submitting|applying|your\s+application|your\s+resume|using|flying|staying(?!\s+(?:on|late|behind|up|after|back))|joining\s+us|reaching\s+out|writing(?!\s+(?:it|the|that|this|a|an|my|me\s+a|such|those|these|one)\b)
    |attending|coming\s+to(?!\s+(?:my|our)\s+(?:students|class|team|rescue|aid|house|place|home|kids))|being\s+part\s+of|your\s+(?:generous\s+)?(?:gift|donation|contribution|payment)\s+of\b
    |getting\s+in\s+touch|taking\s+the\s+time\s+to\s+(?:read|consider)|opportunity(?!\s+to\s+(?:meet|speak|talk|chat|visit|interview|sit\s+down|spend\s+time|learn\s+(?:about|from)))|chance\s+to\s+(?:bid|quote|submit|present|propose|serve|work)
    |time\s+and\s+(?:patience|understanding|consideration|attention|cooperation))\b
    | ^that\s+(?:you\s+(?:may|might|are|'re|were|will)|this|it|there|we|the)\b | ^(?:how\s+(?:busy|difficult|hard|important|complex|sensitive)|the\s+(?:fact|need|importance|difficulty|complexity|sensitivity|urgency)\b)
    | ^(?:our|the|your)\s+(?:\w+\s+){0,2}?(?:relationship|partnership|business|support\s+of\s+(?:our|the))\b
    | ^(?:any|anything|whatever|all\s+(?:your|the)\s+help\s+you\s+can)\b
    | ^(?:your|the)\s+(?:\w+\s+)?(?:concerns?|point|position|frustration|perspective|situation|predicament|dilemma|worry|worries)\b
    | ^(?:your\s+)?(?:time|support)\s*$
    | ^(?:volar|viajar|comprar|elegir|escoger|confiar|reservar|voler|voyager|choisir|acheter|voar|escolher|fliegen|reisen|kaufen|einkaufen|w[äa]hlen|bestellen|kiezen|vliegen|winkelen|reizen)\b
    | ^(?:din|dit|deres|jeres|tu|su|sus|votre|vos|ton|sua|seu|je|uw|jouw|deine|deinen|ihre|ihren|ihr|ihrem|dein|eure|euren|tw[oó]j|twoj[aą])\s+(?:\w+\s+)?(?:mail|e-?mail|correo|mensaje|message|mensagem|bericht|nachricht|besked|brev|svar|respuesta|r[ée]ponse|resposta|antwort|reactie|wiadomo\w+|odpowied\w+|interesse|inter[ée]s|einkauf|bestellung|kauf|vertrauen|compra|pedido|commande|achat|confiance|encomenda|bestelling|aankoop|zakup|zam[oó]wienie)\b
    | \bin\s+advance\b | \bahead\s+of\s+time\b"""
)
# "Your participation is greatly appreciated": what is appreciated is the subject.
_PASSIVE_VERB = re.compile(r"\s+(?:is|are|was|were|will\s+be|would\s+be)\s*$", re.IGNORECASE)


def _subject(before: str) -> str:
    return _PASSIVE_VERB.sub("", before).rsplit(",", 1)[-1].strip()
_GRATEFUL = re.compile(r"\b(?:grateful|appreciate\w*)\b", re.IGNORECASE)
# "for your time, your phone calls, and for the tacos": a list of what was done, no formula.
_LISTED = re.compile(r",\s*(?:your|the|and\s+for|all)\b", re.IGNORECASE)
_OBJECT_END = re.compile(r",|\s[-–]+\s|\s\(")
_SIGNED = re.compile(r"\s*(?:,|\s[-–]+\s*[A-Z][\w.]*)\s*$")
_IN_ADVANCE = _rx(r"\b(?:in\s+advance|ahead\s+of\s+time|beforehand)\b")
# "thanks for your help" after a request is thanks in advance in other words.
_EVERYONE = _rx(r"(?:all\s+(?:of\s+)?)?(?:everyone|everybody|every\s+one)\b|all\s+of\s+you\b(?!r)")
_GENERIC_HELP = _rx(
    r"""^(?:your?\s+|the\s+|all\s+(?:of\s+)?(?:your|the)\s+|(?:all\s+(?:of\s+)?)?(?:everyone|everybody|every\s+one)'?s\s+)?(?:help|assistance|support|input|prompt\s+(?:response|reply|attention)
    |quick\s+(?:response|reply|turnaround)|response|reply|feedback|comments|cooperation|time|efforts?|consideration)
    (?:\s+(?:on|with|in)\s+(?:this|that|these|this\s+matter|this\s+issue|the\s+above|it))?\s*$
    | ^(?:looking\s+into|taking\s+care\s+of|handling|checking|following\s+up\s+on|getting\s+back\s+to\s+me)\s*$"""
)
_WOULD_APPRECIATE = _rx(r"\b(?:would|will|'d|should|shall)\s+(?:\w+\s+)?(?:be\s+)?(?:greatly\s+|much\s+|really\s+|very\s+much\s+|so\s+|most\s+|very\s+)?(?:appreciated?|grateful)\b|appreciate\s+(?:it\s+)?if\b|appreciate\s+(?:any|your\s+(?:prompt|quick|cooperation|attention|consideration|patience|understanding))")
_BARE_THANKS = _rx(
    r"^(?:ok(?:ay)?[,.!]?\s+|[A-Za-z]+[,.!:]\s+|hi[^,]{0,20},\s+)?(?:thanks+|thank\s+yo+u+|thank\s+u+|thx+|many\s+thanks|thanks\s+(?:so\s+|very\s+)?much|thank\s+you\s+(?:so\s+|very\s+)?much|thanks\s+a\s+(?:lot|bunch|million|ton))"
    r"(?:\s*,?\s*(?:[A-Z][a-z]+|all|guys|everyone))?[\s.!\u2600-\u27bf\ufe0f\U0001f300-\U0001faff]*$"
)


# A thank-you that opens a reply and runs on: "Thanks, I'll call him.", "Many
# thanks, Alex - that answers my question."
_OPENING_THANKS = _rx(
    r"""^(?:many\s+thanks|thanks\s+(?:so\s+|very\s+)?much|thank\s+you(?:\s+(?:so|very)\s+much)?|thanks|thx|ty|cheers)
    (?:\s*,?\s*[A-Z][a-z]+)?\s*(?:[!.]+\s*\S|\s[-–—]+\s*\w|,\s+(?:that|this|it|I|I'll|I've|we|we'll|will|got|perfect|great|exactly|very|super|really)\b)"""
)


# "Tak, tak, tak.", "Merci merci!": a thank-you said over and over is no sign-off.
_REPEATED_THANKS = _rx(r"^\W*(thanks|thank\s+you|tak|takk|tack|merci|gracias|danke|grazie|obrigad[oa]|dzi[eę]kuj[eę]|kiitos|bedankt|asante)"
                       r"(?:[\s,!.]+\1){1,}[\s!.]*$")


def _thanks(sentence: str, *, first: bool, asked_before: bool, only_text: bool, last: bool = False) -> bool:
    if _IN_ADVANCE.search(sentence):
        return False
    if _REPEATED_THANKS.match(sentence):
        return not asked_before or not last
    m = _THANKS_FOR.search(sentence)
    if m:
        obj = m.group("object").strip()
        if _NOT_GRATITUDE.search(obj):
            return False
        # "Thanks for your help, / - Tana": a closing line that runs into the name;
        # "thanks for your help, Bryan Please call...": the object ends at the comma.
        signed = _SIGNED.search(obj)
        obj = _OBJECT_END.split(obj, 1)[0].strip()
        if "again" in sentence[m.start() : m.start("object")].lower():
            return True  # "thanks again for ...": for something already done
        listed = obj != m.group("object").strip() and _LISTED.search(m.group("object"))
        # "Thanks for your help" closing a request is a formula; closing a message that asks nothing
        # (a delivery, a report) it thanks the reader, unless it thanks everyone ("everyone's help").
        if (asked_before or signed or last and _EVERYONE.match(obj)) and _GENERIC_HELP.search(obj) and not listed:
            return bool(_GRATEFUL.search(sentence)) and not asked_before  # a formula, unless "I am very grateful"
        return True
    m = _APPRECIATE.search(sentence)
    if m and not _WOULD_APPRECIATE.search(sentence):
        obj = (m.groupdict().get("object") or m.groupdict().get("object2") or "").strip() or _subject(sentence[: m.start()])
        if obj and (_NOT_GRATITUDE.search(obj) or (asked_before and _GENERIC_HELP.search(obj))):
            return False
        return True
    low = sentence.lower()
    if any(rx.search(sentence) for gates, rx in _GRATITUDE_PHRASES if any(map(low.__contains__, gates))) \
            and not _WOULD_APPRECIATE.search(sentence):
        return True
    if _THANKS_AGAIN.search(sentence):
        # "Thanks again!" closing a request is a sign-off; elsewhere, gratitude repeated.
        return not (last and asked_before) or _THANKS_FOR.search(sentence) is not None
    if _HELPFUL.search(sentence) and not _HEDGE.search(sentence):
        return True
    if first and _OPENING_THANKS.match(sentence):
        return True  # "Many thanks, Alex - that answers my question."
    if _BARE_THANKS.match(sentence) or _THANKS_STRONG.search(sentence) and len(sentence) < 40:
        # A bare thank-you opening the message, or being all of it, thanks the
        # recipient for what came before; closing a message it is a sign-off.
        # In the middle of a message ("I got the offer. Thank you thank you!
        # Dinner is on me."), after no request, an emphatic one is gratitude too.
        return first or only_text or not (last or asked_before) and _EMPHATIC_THANKS.search(sentence) is not None
    return False


# ---------------------------------------------------------------- ask

_PLEASANTRY = _rx(
    r"""^(?:hi|hey|hello|so|and|well|oh|ok)?[\s,]*(?:how\s+(?:are|r)\s+(?:you|u|things|ya|y'all)|how'?s\s+(?:it\s+going|everything|things|life|the\s+family)
    |how\s+(?:have\s+you\s+been|is\s+everything|was\s+your\s+(?:weekend|trip|holiday|vacation))|what'?s\s+up|what\s+is\s+up|wassup|what\s+a\s+(?:day|week)
    |how\s+was\s+(?:the|your)\s+(?:trip|weekend|holiday|vacation|flight|wedding|party|game|concert|break|summer|move)
    |how\s+did\s+(?:the|your)\s+(?:trip|weekend|holiday|vacation|flight|wedding|party|game|concert|break|summer|move)\s+go
    |(?:any\s+)?questions|why\s+not|who\s+knows|guess\s+what|you\s+know\s+what|get\s+it|see|right|huh|eh|remember)\b[^?]{0,25}\?"""
)
# Small talk and rhetoric: "How is Christina?", "Guess what happened at the
# game last night?", "Is anyone else as glad as I am that it's Friday?"
_SMALL_TALK = re.compile(
    r"^(?:(?:[Hh]i|[Hh]ey|[Hh]ello)(?:\s+[A-Z][a-z]+)?[\s,!]+|(?:[Aa]nd|[Ss]o|[Bb]y\s+the\s+way|[Bb]tw|BTW|[Aa]lso)[\s,]+)*(?:"
    r"[Hh]ow(?:\s+is|\s+are|'s)\s+(?:[A-Z][a-z]+(?:\s+and\s+[A-Z][a-z]+)?|(?:your|the)\s+(?:new\s+|little\s+)?"
    r"(?:wife|husband|family|kids|children|son|daughter|mom|mother|dad|father|parents|folks|baby|boys|girls|dog|house"
    r"|job|girlfriend|boyfriend|digs|place|apartment|flat|home|office|car|puppy|kitten|boss|neighbou?rs?|weather|summer|winter|spring|autumn|fall|garden))(?:\s+(?:doing|feeling|getting\s+along|these\s+days))?\s*\?+$"
    r"|[Hh]ow(?:\s+is|\s+was|'s)\s+the\s+(?:weather|summer|winter|spring|autumn|garden)\b[^?]{0,40}\?+$"
    r"|(?i:guess\s+what|you\s+know\s+what|remember\s+(?:when|that|the\s+time|those|the\s+days|the\s+good)|who\s+knows|why\s+not|is\s+(?:anyone|anybody)\s+else"
    r"|am\s+i\s+the\s+only|what\s+would\s+you\s+do\s+if|isn't\s+(?:it|that)\s+(?:great|funny|amazing|crazy|ironic|strange|odd|weird|wonderful|lovely|sad|incredible|remarkable)"
    # Rhetoric and wishes: "Who knew spring would arrive?", "who lets a goalkeeper take a penalty??",
    # "Hope you're well?", "How's London treating you?", "What a year, right?", "Remember the horse...?"
    r"|who\s+(?:knew|needs|let|lets|decided|designs|invented|thought|would\s+(?:have\s+)?(?:believe|believed|thought|guessed|told|known|imagined))"
    # A question that opens with a denial argues a point: "Isn't this only the tip of the iceberg?",
    # "Don't you think their smartest people are poring over it?" (not "Didn't you get my note?").
    r"|(?:however,?\s+|but\s+)?(?:isn't|aren't|wasn't|weren't|doesn't)\s+(?:it|this|that|you|we|there|they|he|she)\b|don't\s+you\s+think\b"
    r"|(?:i\s+)?hope\s+(?:you(?:'re|\s+are|'ve\s+been|\s+have\s+been|\s+and\s+\w+\s+are)\s+(?:well|keeping|doing|having|enjoying|settling|good|ok|okay|feeling|fine)"
    r"|all\s+is\s+well|all's\s+well|everything(?:'s|\s+is)\s+(?:well|good|ok|okay|fine)|this\s+finds\s+you)(?=[^?.;:\u2013-]{0,40}\?+$)"
    r"|how(?:'s|\s+is|\s+are)\s+[^?]{1,40}\s+treating\s+(?:you|ya|y'all)|how\s+is\s+it\s+[^?]{1,40}\s+already"
    r"|why\s+(?:does|do|is|are|must|should)\s+(?:every|all|everyone|everybody|no\s+one|nobody)\b|remember\b(?=[^?]*\?$)|did\s+you\s+(?:do|get\s+up\s+to)\s+anything\s+(?:fun|exciting|interesting|special|nice)|why\s+on\s+earth|what\s+an?\s+(?:[a-z]+\s+)?[a-z]+,?\s*(?:right|huh|eh)?\?|remember\s+(?:the|how|those|that)\b)\b.*\?$)"
)
_QUESTION_START = _rx(
    r"""^(?:(?:hi|hey|hello|also|and|but|so|ok|okay|btw|by\s+the\s+way|one\s+more\s+thing|p\.?s\.?|second(?:ly)?|first(?:ly)?|finally|in\s+addition|otherwise|then|again|now|[A-Z][a-z]+)[,:\s/&-]+)*
    (?:can|could|would|will|do|does|did|have|has|had|is|are|was|were|should|shall|may|might|must|what|when|where|who|whom|whose|which|why|how|any|anyone|anybody|someone|somebody
    |is\s+there|are\s+there|heard\s+(?:anything|any\s+news|back|from)|isn't|aren't|don't|doesn't|didn't|won't|wouldn't|can't|couldn't|shouldn't|did\s+you|were\s+you|am\s+i|if\s+so|if\s+not|or|you|u|thoughts|ideas|comments|suggestions|interested|available|ok|okay|care\s+to)\b"""
)
_TASK_START_WORDS = ("review", "submit", "sign", "approve", "confirm", "provide", "complete", "fill", "return", "fax",
                     "forward", "send", "print", "prepare", "verify", "schedule", "set", "book", "reserve", "look", "follow")
# Each request pattern runs only when its words occur (re alternations are slow).
_ASK_PHRASES: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (('can ', 'could ', 'would ', 'will '), _rx(r"""\b(?:can|could|would|will)\s+(?:you|u|ya|someone|somebody|anyone|anybody|one\s+of\s+you|either\s+of\s+you)\b(?!\s+(?:believe|imagine))""")),
    (('would',), _rx(r"""\bwould\s+you\s+(?:mind|be\s+(?:able|willing|interested|available))\b""")),
    (('willing', 'able', 'available'), _rx(r"""\b(?:ask(?:ing)?|wonder(?:ing)?|know|see|find\s+out)\s+(?:\w+\s+){0,2}?(?:if|whether)\s+you(?:'d|\s+would|\s+might|\s+could|\s+are|'re|\s+will)\s+be\s+(?:willing|able|available)\b""")),
    (_TASK_START_WORDS, _rx(r"""^(?:(?:also|and|then|just|so)\s+)?(?:review|submit|sign|approve|confirm|provide|complete|fill\s+out|return|fax|forward|send|print|prepare|verify|schedule|set\s+up|book|reserve|look\s+into|follow\s+up\s+(?:on|with))\s+(?:the|this|these|that|those|your|my|our|it|them|all|a|an|me|us|her|his|him|their)\b(?![^.!?]*\b(?:at\s+(?:https?:|www\.)|here\b|online\b|below\b|friends|everyone|women|men|people|list|majordomo))
    (?=.*\b(?:to\s+(?:me|us)|asap|as\s+soon\s+as|by\s+(?:monday|tuesday|wednesday|thursday|friday|noon|eod|cob|close|end|the\s+end|\d))\b)""")),
    (('do ', 'does '), _rx(r"""\b(?:do|does)\s+(?:you|anyone|anybody|someone)\s+(?:know|have|happen|recall|remember|think|want|need|see|mind|agree)\b""")),
    (('anyone', 'anybody'), _rx(r"""\b(?:anyone|anybody)\s+(?:know|have|got|seen|heard)\b""")),
    (('favor', 'favour'), _rx(r"""\b(?:ask|asking|beg|need|want|request)\s+(?:of\s+)?(?:you\s+)?(?:for\s+)?(?:a\s+(?:small\s+|quick\s+|big\s+|huge\s+)?|one\s+more\s+)favou?r\b""")),
    (('hoping',), _rx(r"""(?:^|\b(?:i|we)(?:'m|'re|\s+am|\s+are|\s+was|\s+were)\s+)(?:really\s+|just\s+)?hoping\s+(?:that\s+)?you\s+(?:might|could|can|would|will|'d|'ll)\b""")),
    (('could', 'can', 'may'), _rx(r"""\b(?:could|can|may)\s+(?:i|we)\s+(?:please\s+)?(?:be\s+(?:sent|provided\s+with|given|copied\s+on)|get\s+(?:a|the|your|copies|some)|have\s+(?:a|the|your|copies|some)|ask\s+you|borrow|trouble\s+you|impose|set\s+up\s+a|schedule\s+a|call\s+you|stop\s+by|come\s+by|meet\s+with\s+you)\b""")),
    (('let', "let's", 'lets'), _rx(r"""^(?:(?:ok(?:ay)?|so|then|great|good)[,!.]?\s+)?(?:let's|lets|let\s+us)\s+(?:talk|discuss|meet|get\s+together|catch\s+up|chat|have\s+(?:lunch|coffee|a\s+call|a\s+quick\s+call|a\s+meeting)|set\s+up\s+a|schedule|plan\s+on)\b""")),
    (('invite', 'inviting'), _rx(r"""\b(?:invite|inviting)\s+you\s+to\s+(?:speak|present|join\s+(?:us|me)|serve|give\s+a|be\s+(?:a|our|on))\b""")),
    (('requested', 'asked', 'requests', 'asks'), _rx(r"""\b(?:requested|asked|requests|asks)\s+that\s+you\b(?!\s+be\s+(?:included|added|copied|cc'?d|placed|put|kept|informed|notified))""")),
    (('wants', 'needs', 'like'), _rx(r"""\b(?:he|she|they|[A-Z][a-z]+)\s+(?:wants|needs|would\s+like|'d\s+like)\s+(?:for\s+)?you\s+to\b""")),
    (('anything', 'whatever'), _rx(r"""\b(?:anything|whatever)\s+you\s+(?:can|could|might\s+be\s+able\s+to)\s+(?:do|get|find|send|provide|share|dig\s+up)\b[^.!?]{0,80}\b(?:appreciated|helpful|great|wonderful)""")),
    (('query', 'question'), _rx(r"""\b(?:my|one|a\s+quick)\s+(?:query|question)\s+(?:is|was|would\s+be)\b""")),
    (('are', 'do', 'did', 'have', 'were'), _rx(r"""^(?:(?:and|also|so|but|btw|ok|okay|hi|hey)[,\s]+)?(?:are|do|did|have|were)\s+you\s+(?!know\s+what|kidding|serious|sure\b|out\s+of\s+your)(?:\w+\s+){0,3}?(?:any|a|the|an|some|my|our|this|that|it|time|luck|plans?|chance)\b""")),
    (('pick',), _rx(r"""\bpick\s+(?:your|ur|yr)\s+brains?\b""")),
    (('possible',), _rx(r"""\bwould\s+it\s+be\s+possible\s+(?:for|to)\b""")),
    (('help',), _rx(r"""\bit\s+would\s+(?:\w+\s+)?help\s+(?:me|us)\s+(?:a\s+lot\s+|greatly\s+)?if\s+(?:you|i\s+could|we\s+could)\b""")),
    (('invite',), _rx(r"""\b(?:i|we)\s+(?:would\s+like\s+to\s+|'d\s+like\s+to\s+|want\s+to\s+)?(?:personally\s+|also\s+)?invite\s+your\s+(?:feedback|comments|input|thoughts|views|suggestions|ideas)\b""")),
    (('wondering', 'wondered'), _rx(r"""\b(?:i\s+was|i\s+am|i'm|we\s+were|we\s+are|just)\s+wondering\s+(?:if|whether|what|when|how|who|where|why)\b | \bi\s+wonder\s+(?:if|whether)\b
    | \b(?:i|we|and)\s+(?:(?:just|also)\s+)?wondered\s+(?:(?:if|whether)\s+(?:you|i\s+(?:could|might|may)|we\s+(?:could|might|may))\b|when\s+(?:would|might|could|you|it)\b)""")),
    (('obliged', 'grateful', 'thankful', 'appreciative'), _rx(r"""\b(?:i|we)(?:\s+would|'d|\s+should|\s+will)\s+be\s+(?:most\s+|very\s+|so\s+|really\s+|extremely\s+|much\s+|greatly\s+)?(?:(?:obliged|grateful|thankful|appreciative)\s+if\s+(?:you|u)\b|appreciative\s+of\s+(?:your|any)\b)""")),
    (('appreciate',), _rx(r"""\b(?:i|we)(?:\s+would|'d)\s+(?:really\s+|greatly\s+|very\s+much\s+|certainly\s+)?appreciate\s+(?:it|that)\s*[.!]?\s*$ | \b(?:i|we)(?:\s+would|'d)\s+(?:really\s+|greatly\s+|very\s+much\s+)?appreciate\s+(?:receiving|getting|having|seeing|hearing)\s+(?:those|these|them|it|this|that|your|the|a|an|any|some|back)\b""")),
    (('check', 'sure'), _rx(r"""\b(?:just\s+)?(?:want|wanted)\s+to\s+(?:double[-\s]?check\s+(?:on|with\s+you|that|whether|if)\b|make\s+sure\s+(?:that\s+)?(?:we(?:'re|\s+are)|you(?:'re|\s+are))\s+(?:still\s+)?on\s+the\s+same\s+page)""")),
    (('would', "i'd", "we'd"), _rx(r"""\b(?:i|we)(?:\s+would|'d)\s+(?:really\s+|greatly\s+|very\s+much\s+|also\s+|still\s+)?(?:appreciate|love|like)\s+(?:(?:very\s+much|greatly|so\s+much)\s+)?(?:it\s+if|if|your|you\s+to|any|hearing\s+(?:from\s+you|back)|(?:having\s+)?(?:the|an)\s+opportunity\s+to\s+(?:talk|speak|meet|discuss|visit|chat|present)|to\s+(?:get\s+(?!involved|started|going|into|out|on\b|to\b|back\s+(?:to\s+)?(?:work|home|into))|have|hear|know|see|talk|speak|ask|discuss|meet|set|schedule|review|go\s+over|pick\s+your))\b""")),
    (('any ', 'your '), _rx(r"""\b(?:any|your)\s+(?:help|assistance|input|feedback|advice|suggestions?|thoughts|comments|ideas|info(?:rmation)?|guidance|insights?|recommendations?)\b[^.!?]{0,60}?\b(?:would|will)\s+(?:\w+\s+)?be\s+(?:\w+\s+)?(?:appreciated|welcome|helpful|great)\b""")),
    (('need',), _rx(r"""\b(?:i|we)\s+(?:need|needed|will\s+need|would\s+need|'ll\s+need)\s+(?:you\s+to|to\s+have\s+you|your|to\s+(?:get|know|have|see|talk|speak|find|hear)\s+(?:from\s+you|your|a\s+copy|the|if|whether|what|when|how|who))\b""")),
    (('need', 'use'), _rx(r"""\b(?:i|we)\s+(?:need|could\s+use|can\s+use|may\s+need|might\s+need|will\s+need)\s+(?:some\s+|a\s+little\s+|your\s+|a\s+second\s+(?:pair\s+of\s+)?|another\s+(?:pair\s+of\s+)?|(?:a\s+)?fresh\s+)?(?:help|advice|input|assistance|guidance|feedback|eyes?|brain)\b""")),
    (('use',), _rx(r"""^(?:[A-Z][a-z]+,\s+)?(?:could|can)\s+use\s+(?:your|a\s+second|another|fresh)\s+(?:pair\s+of\s+)?(?:eyes?|brain|help|advice|input)\b""")),
    (('need', 'needs', 'needed'), _rx(r"""(?:^|\b(?:i|we)\s+)(?:(?:would|will|'ll|'d|still|really|just|also)\s+)*need(?:ed)?\s+(?:the|a|an|your|my|our|these|those|this|that|it|them|some|all|his|her|their)\b[^.!?]{0,80}?\b(?:by|before|no\s+later\s+than)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|noon|eod|cob|the\s+end|end\s+of|next|this|\d)""")),
    (('please', 'pls', 'plz', 'kindly'), _rx(r"""\b(?:please|pls|plz|kindly)\s+(?!note|see|find|feel|accept|thank\s+(?:him|her|them|[a-z]+)\s+(?:from|for)\s+(?:me|us)|convey\s+(?:my|our)|(?:give|send|pass\s+on)\s+(?:my|our)\s+(?:very\s+)?(?:best|love|regards|respects|thanks|greetings|congratulations|condolences)|say\s+(?:hi|hello)\b|be\s+ready\s+(?:to\s+(?:leave|go|depart|board|be\s+picked)|at|by)\b|have\s+(?:a|your)\s+(?:\w+\s+){0,2}(?:id|identification|passport|ticket|badge)\b|(?:make|be)\s+sure\s+(?:that\s+)?you\s+(?:bring|have\s+your|arrive|wear)\b|bring\s+(?:a\s+|your\s+)?(?:\w+\s+){0,2}(?:id|identification|passport|badge|receipt)\b|arrive\s+(?:at|by|early|no\s+later|on\s+time|\d)|disregard|ignore|know\b|meet\b(?!\s+(?:in|at|on|for|with\s+(?:me|us)|me|us|today|tomorrow)\b)|keep\s+in\s+touch|direct\s+(?:any\s+|all\s+)?(?:questions|inquiries|enquiries|comments)|be\s+(?:advised|aware|assured)|enjoy|visit|click|do\s+not(?!\s+forget\s+to)|don't(?!\s+forget\s+to)|allow|excuse|forgive|join|remember(?!\s+to\s+(?!attend|join|vote|register|rsvp|bring\s+your|mark|confirm\s+your\s+(?:attendance|participation)))|keep\s+in\s+mind|rest\s+assured|plan\s+to|try\s+to\s+(?:attend|join|make\s+it|be\s+there)|mark\s+your|(?:adjust|update|check)\s+your\s+calendars?|(?:remove|delete)\s+(?:this\s+|it\s+)?from\s+your\s+calendars?|welcome|take\s+care|believe|beleive|continue\s+to|read\s*[.!]?$|log\s+(?:off|on|in)\b|expect|register|open\s+the\s+link|take\s+(?:a|one)\s+(?:minute|moment|few\s+minutes)\s+to\s+(?:visit|complete|fill|answer|take)
    |follow\s+(?:the|these|this)\s+(?:\w+\s+)?(?:steps|instructions|procedures?|link)|use\s+the\s+(?:attached|following|link|new)|help\s+(?:us\s+|me\s+)?welcome|congratulate|read\s+(?:on|below)|respond\s+to\b(?!\s+(?:me|us|this|my|our))|change\)|refer\s+to\s+the)[a-z]""")),
    (('know', 'lmk'), _rx(r"""\b(?:let\s+(?:me|us)\s+know|lmk)\s+(?:if|whether|what|when|how|who|where|which|your|asap|as\s+soon|soon|by|today|tomorrow|ASAP)\b""")),
    (('know',), _rx(r"""\b(?:let\s+(?:me|us)\s+know)\s*[.!]?\s*$""")),
    (('like', 'want'), _rx(r"""\bi\s+(?:would\s+like|'d\s+like|want)\s+(?:your|to\s+get\s+your|to\s+hear\s+your)\s+(?:thoughts|opinion|input|feedback|comments|advice|take|view|help)\b""")),
    (('what',), _rx(r"""\bwhat\s+(?:do|would)\s+you\s+(?:think|suggest|recommend|advise)\b""")),
    (('me', 'us'), _rx(r"""(?:^|[-–;:]\s*|\band\s+|(?<!or\s)\b(?:just|so)\s+)(?:send|forward|fax|e-?mail|give|call|get|tell|ask|shoot|drop|write|text|ring|ping|message)\s+(?:me|us)\b""")),
    (('give', 'send', 'shoot', 'drop'), _rx(r"""\b(?:give|send|shoot|drop)\s+(?:me|us)\s+a\s+(?:call|note|ring|line|shout|e-?mail)\b""")),
    (('find', 'know', 'ask', 'check', 'see', 'confirm'), _rx(r"""\b(?:want(?:ed)?|like|trying|writing|following\s+up|follow\s+up)\s+(?:\w+\s+){0,4}?to\s+(?:find\s+out|know|ask|check|see|confirm)\s+(?:if|whether|when|what|how|who)\s+(?:you|your|there|we\s+(?:can|could|should|might)|it(?:'s|\s+is|\s+would\s+be)\s+(?:ok|okay|possible|appropriate|convenient|alright|all\s+right))\b""")),
    (('if',), _rx(r"""\b(?:if\s+you\s+(?:could|can|would|get\s+a\s+chance|have\s+a\s+(?:chance|minute|moment|second)))\b(?!.*\bquestions\b)""")),
    (('looking', 'trying'), _rx(r"""\b(?:i'm|i\s+am|we're|we\s+are)\s+(?:looking\s+for|trying\s+to\s+(?:find|locate|get\s+in\s+touch|reach|figure))\b.*\b(?:recommendations?|advice|help|suggestions?|referrals?|contacts?|(?:anyone|someone|somebody)\s+(?:who|that)\s+(?:can|could|knows|might|would))\b""")),
    (('purpose', 'reason'), _rx(r"""\b(?:purpose|reason)\s+(?:of\s+(?:this|my)\s+(?:message|e-?mail|note|letter|call)|(?:i'm|i\s+am)\s+writing)\s+is\s+to\s+(?:request|ask|seek|invite|see\s+if|find\s+out)\b""")),
    (('appreciate', 'love', 'welcome'), _rx(r"""\b(?:would|'d)\s+(?:really\s+|greatly\s+|very\s+much\s+)?(?:appreciate|love|welcome)\s+(?:hearing|to\s+hear)\s+(?:back\s+)?from\s+you\b""")),
    (('approval', 'sign', 'signoff', 'signature', 'consent', 'authorization', 'authorisation', 'go'), _rx(r"""\b(?:to\s+get|need|needs|requesting|request|seeking|require|requires)\s+your\s+(?:approval|sign-?off|signature|consent|authori[sz]ation|go-?ahead)\b""")),
    (('meet',), _rx(r"""\bwould\s+(?:like|love)\s+to\s+meet\s+(?:with\s+)?you\b""")),
    (('hoping',), _rx(r"""\bhoping\s+(?:that\s+)?(?:maybe\s+|perhaps\s+)?we\s+(?:could|can|might)\b""")),
    (('everyone', 'each', 'all', "y'all"), _rx(r"""\bi(?:'d|\s+would)\s+like\s+(?:everyone|each\s+of\s+you|all\s+of\s+you|you\s+all|y'all)\s+to\b""")),
    (('call', 'ring', 'phone', 'email', 'e', 'text'), _rx(r"""^(?:(?:so|just|please|pls)\s+)*(?:call|ring|phone|e-?mail|text)\s+(?:me\s+|us\s+)?(?:back\s+)?(?:when|whenever|as\s+soon\s+as)\s+you\s+(?:can|get\s+(?:a\s+)?(?:chance|minute|moment)|have\s+a\s+(?:minute|moment|sec(?:ond)?|chance)|are\s+(?:free|back|able))\b""")),
    (('welcome',), _rx(r"""\b(?:i|we)(?:\s+would|'d)\s+(?:really\s+|greatly\s+|very\s+much\s+)?welcome\s+(?:a|the|an|your)\s+(?:(?:brief|short|quick|few)\s+)?(?:moment|chance|opportunity|call|meeting|minutes|conversation|chat|thoughts|views|input|advice|comments|feedback|guidance)\b""")),
    (('forward',), _rx(r"""\blook(?:ing)?\s+forward\s+to\s+your\s+(?:\w+\s+)?consideration\s+of\s+(?:our|my|this|the)\s+(?:\w+\s+)?(?:requests?|proposals?|applications?)\b""")),
    (('way', 'anyway'), _rx(r"""\bis\s+there\s+(?:any\s*way|a\s+way|a\s+chance|any\s+chance)\s+(?:that\s+)?(?:you|u)\s+(?:can|could|might|would)\b""")),
    (('request', 'requesting'), _rx(r"""\b(?:i|we)\s+(?:would\s+like\s+to\s+|'d\s+like\s+to\s+|hereby\s+|respectfully\s+|kindly\s+|therefore\s+)*(?:request|am\s+requesting|are\s+requesting)\s+(?:an?\s+|your\s+)?(?:(?:brief|short|personal|informational|face-to-face)\s+)?(?:interview|meeting|appointment|audience|call|your\s+(?:help|assistance|support|approval|advice))\b | \b(?:respectfully|hereby)\s+request\b""")),
    # "Please let me know if you have any comments or changes" under a draft: a request for review
    # (not "any comments or questions", "any other suggestions": boilerplate).
    (('know',), _rx(r"""\blet\s+(?:me|us)\s+know\s+if\s+you\s+have\s+any\s+(?:comments\s+(?:or|and|and/or)\s+)?(?:changes|suggestions|revisions|edits|corrections|suggested\s+changes)\b(?!\s+(?:or|and)\s+questions)""")),
    # "I just wanted to check in with Enron to see if the company was still planning to..."
    (('check',), _rx(r"""\b(?:want(?:ed)?|writing|like)\s+to\s+check\s+in\s+(?:with\s+(?:you|[A-Z][\w&]*(?:\s+[A-Z][\w&]*)?)\s+)?to\s+(?:see|find\s+out|ask)\s+(?:if|whether|when|what|how)\b""")),
    # "I just would like to inquire with you to see if you have any feedback"
    (('inquire', 'enquire'), _rx(r"""\b(?:i|we)\s+(?:just\s+)?(?:would|'d)\s+(?:just\s+)?like\s+to\s+(?:inquire|enquire)\s+(?:with\s+you\s+)?(?:to\s+see\s+)?(?:if|whether|about|as\s+to)\b | \b(?:i\s+am|i'm)\s+writing\s+to\s+(?:inquire|enquire)\s+(?:if|whether|about|as\s+to)\b""")),
    # "Dad and I ... would like you and Payton to join us"
    (('like', 'love'), _rx(r"""\bwould\s+(?:like|love)\s+(?:for\s+)?you\s+(?:and\s+[A-Z][a-z]+\s+|both\s+|all\s+|two\s+)to\s+(?:join|come|attend|visit)\b""")),
    # "I need fifteen minutes of your brain", "What I need from you by 1 August: a bio..."
    (('need',), _rx(r"""\b(?:i|we)\s+(?:really\s+|just\s+)?need\s+(?:\w+\s+){1,3}of\s+your\s+(?:brain|time|help|eyes|expertise|advice|attention)\b | \bwhat\s+(?:i|we)\s+(?:still\s+)?need\s+from\s+you\b""")),
    # "I'd love a rough quote from you by the end of the month"
    (('love', 'like'), _rx(r"""\b(?:i|we)(?:'d|\s+would)\s+(?:really\s+)?(?:love|like)\s+(?:a|an|the|some|your)\s+(?:\w+\s+){0,2}(?:quote|estimate|answer|reply|update|draft|copy|word|call|look|chat|meeting|intro(?:duction)?|opinion|view|read)\s+from\s+you\b""")),
    # "If you know anyone this side of the Channel, I'm all ears"
    (('ears', 'know', 'hear', 'gold'), _rx(r"""^(?:and\s+|also\s+|so\s+)?if\s+you\s+(?:know|hear\s+of)\s+(?:of\s+)?(?:anyone|anybody|someone|somebody|any)\b.*\b(?:all\s+ears|would\s+be\s+(?:gold|great|a\s+(?:big\s+|huge\s+)?help))\b""")),
    # "Any neighbourhoods you'd steer us away from would be gold"
    (('any',), _rx(r"""^(?:and\s+|also\s+)?any\s+\w+(?:\s+[\w']+){0,7}\s+(?:would|will)\s+be\s+(?:gold|great|brilliant|amazing|a\s+(?:big\s+|huge\s+)?help|much\s+appreciated|hugely\s+helpful|very\s+helpful)\b""")),
    # "send it over whenever you're there"
    (('send',), _rx(r"""(?:^|[-–;:]\s*|\b(?:just|so|and|then|please)\s+)send\s+(?:it|them|those|these|that|this)\s+(?:over|across|along|my\s+way|our\s+way)\b""")),
    # Requests in the languages users mix in: a question put with "could you" ("Könntest du…?",
    # "¿Podrías…?", "Pourrais-tu…?", "Kun je…?", "Potresti…?", "Poți…?", "Czy możesz…?"), or a "please"
    # ("bitte", "por favor", "s'il te plaît", "per favore", "te rog", "proszę") before what is asked.
    (('könntest', 'kannst', 'könnten', 'können', 'würdest', 'würden', 'podrías', 'podrias', 'puedes', 'podría', 'podria',
      'podrían', 'pueden', 'pourrais', 'pourriez', 'pouvez', 'peux', 'podes', 'poderias', 'poderia', 'pode', 'kun', 'kunt',
      'zou', 'zoudt', 'potresti', 'potrebbe', 'puoi', 'può', 'poți', 'poţi', 'poti', 'putea', 'puteți', 'puteţi', 'możesz',
      'mógłbyś', 'mogłabyś', 'możecie', 'moglibyście', 'kan', 'kunne', 'skulle', 'voisitko', 'voitko'),
     _rx(r"""\b(?:k(?:ö|oe)nntest|kannst|k(?:ö|oe)nnten|k(?:ö|oe)nnen|w(?:ü|ue)rdest|w(?:ü|ue)rden)\s+(?:du|sie|ihr)\b[^.!]*\?\s*$
       | \b(?:me\s+|nos\s+|le\s+)?(?:podr[íi]as|podr[íi]a|podr[íi]an|puedes|pueden)\b[^.!]*\?\s*$
       | \b(?:pourrais|pourriez|pouvez|peux)[-\s](?:tu|vous)\b[^.!]*\?\s*$
       | \b(?:podes|poderias|poderia|pode)\s+(?:me\s+|nos\s+)?[^\W\d_]+[^.!]*\?\s*$
       | \b(?:kun|kunt|zou|zoudt)\s+(?:je|jij|u)\b[^.!]*\?\s*$
       | \b(?:potresti|potrebbe|puoi|può)\b[^.!]*\?\s*$
       | \b(?:po[țţt]i|ai\s+putea|a[țţt]i\s+putea|pute[țţ]i)\b[^.!]*\?\s*$
       | \bczy\s+(?:mo[żz]esz|m[óo]g[łl]by[śs]|mog[łl]aby[śs]|mo[żz]ecie|mogliby[śs]cie)\b
       | \b(?:kan|kunne|skulle)\s+(?:du|dere|De|ni)\b[^.!]*\?\s*$ | \b(?:voisitko|voitko)\b[^.!]*\?\s*$""")),
    (('bitte', 'por', 'plaît', 'plait', 'per', 'rog', 'proszę', 'prosze', 'alsjeblieft', 'alstublieft', 'vennligst', 'venligst',
      'snälla', 'lütfen'),
     _rx(r"""\bbitte\s+(?!sch(?:ö|oe)n\b|sehr\b|beachte|beachten|entschuldig|nicht\s+antworten)[^\W\d_]
       | \bpor\s+favor\b | \bs'il\s+(?:te|vous)\s+pla[iî]t\b | \bper\s+favore\b | \b(?:te|v[ăa])\s+rog\b
       | \bprosz[ęe]\s+(?!bardzo\b)[^\W\d_] | \b(?:alsjeblieft|alstublieft|vennligst|venligst|sn[äa]lla|l[üu]tfen)\b""")),
    (('any ', 'some '), _rx(r"""\b(?:any|some)\s+(?:thoughts|ideas|suggestions|recommendations|advice|feedback|input|comments|leads|pointers|word|news|update|luck)\b\s*(?:on|about|regarding|\?|$)""")),
)


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")  # letters of any language: "könntest", "dziękuję"
# Which request patterns each word can open, so that a sentence runs only the
# patterns whose words it holds (in their order above, first match wins).
_ASK_BY_WORD: dict[str, list[int]] = {}
for _i, (_hints, _) in enumerate(_ASK_PHRASES):
    for _hint in _hints:
        _ASK_BY_WORD.setdefault(_hint.strip(), []).append(_i)
_ASK_KEYS = frozenset(_ASK_BY_WORD)


def _words(sentence: str) -> frozenset[str]:
    return frozenset(_WORD.findall(sentence.lower()))


def _ask_phrase(sentence: str, words: frozenset[str]) -> bool:
    candidates: set[int] = set()
    for word in words & _ASK_KEYS:
        candidates.update(_ASK_BY_WORD[word])
    for index in sorted(candidates):
        if _ASK_PHRASES[index][1].search(sentence):
            return True
    return False


# Offers, courtesies and boilerplate that look like requests but are not.
_NOT_ASK = _rx(
    r"""\bif\s+you\s+(?:(?:have|had)\s+(?:any|anything|more|further|additional|other)\b(?!\s+(?:comments\s+(?:or|and|and/or)\s+)?(?:changes|suggestions|revisions|edits|corrections|suggested)\b(?!\s+(?:or|and)\s+questions)(?![^,;]*[,;]\s*(?:please\s+)?(?:call|contact|e-?mail|phone|feel|do\s+not|don't)))|(?:need|would\s+like|want|require)\s+(?:any|anything|more|further|additional|other)\b)
    | \b(?:if|should)\s+(?:you\s+)?(?:have|there\s+(?:are|is)|there's)\s+(?:any\s+|a\s+)?(?:questions?|concerns?|comments?(?!\s+(?:or|and|and/or)\s+(?:changes|suggestions|revisions|edits|corrections|suggested)\b(?!\s+(?:or|and)\s+questions)(?![^,;]*[,;]\s*(?:please\s+)?(?:call|contact|e-?mail|phone|feel|do\s+not|don't)))|problems?|issues?)\b
    | \b(?:any|other)\s+questions\b(?!\s+(?:for|about|on)\b)
    | \b(?:feel\s+free|(?:don't|do\s+not|never)\s+hesitate)\b
    | \bwith\s+(?:any\s+)?(?:questions|comments|concerns)\b
    | \blet\s+(?:me|us)\s+know\s+how\s+(?:you(?:'re|\s+are)\s+(?:doing|getting\s+on)|things\s+(?:are|go)|it\s+goes|you\s+are)\b
    | \blet\s+(?:me|us)\s+know\s+(?:if|when|whether)\s+(?:and\s+when\s+)?you(?:\s+guys|\s+all)?(?:'d|\s+would)?\s+(?:like|want|wish|need)\b
      (?:\s*(?:that|it|this|one)?\s*[.!]?\s*$|\s+(?:me|us)\s+to\b|\s+to\s+(?:discuss|talk|chat|meet|sit\s+down|go\s+over|get\s+together|have\s+a\s+copy|see\s+it|receive)\b|\s+(?:a\s+copy|an?\s+intro|more)\b)
    | (?<!know\s)(?<!advise\s)(?<!me\s)(?<!us\s)\b(?:if|should|when)\s+you\s+(?:do\s+)?(?:are\s+(?:not|unable|interested|planning|going\s+to\s+(?:attend|be\s+(?:there|attending)))|plan|wish|continue|cannot|can't
      |did\s+not|didn't|have\s+not|haven't|do\s+not|don't|missed|end\s+up|need\s+(?:assistance|help|to\s+reach|to\s+contact)
      |(?:would|'d)\s+like\s+to\s+(?:attend|participate|join|register|come|receive|be\s+(?:added|removed|included))|want\s+to\s+(?:attend|participate|join|register|come))\b
    | \bin\s+the\s+event\b | \bif\s+(?:additional|further|more)\s+(?!changes|revisions|edits|corrections)\w+\s+(?:is|are)\s+(?:necessary|needed|required)
    | ^(?:\W*\w+\s*[,:-]\s*)?(?:please\s+(?:note|see|find|be\s+(?:advised|aware)|disregard|ignore|respond\s+to\b(?!\s+(?:me|us|this|the|my|our))))\b
    | \bfor\s+(?:more|additional|further)\s+(?:information|info|details)\b
    | \b(?:if|should|when)\s+you\s+(?:experience|encounter|wish|prefer|plan\s+to\s+attend|are\s+interested|need\s+to\s+update|have\s+(?:trouble|problems|difficult))
    | \bif\s+you(?:\s+would|'d)\s+like\s+(?:me|us|for\s+(?:me|us))\b | \bif\s+(?:i|we)\b[^,.?!]{0,40}?\bcan\s+(?:be\s+of|help|assist|do\s+anything|return)\b
    | \bif\s+(?:you|anyone)\b.{0,30}\b(?:have|has)\s+(?:any\s*)?(?:questions|concerns|problems)\b
    | \bif\s+(?:there\s+is|there's)\s+(?:anything|something)\b | \blet\s+me\s+know\s+if\s+(?:i|we)\s+can\b | \bif\s+you\s+need\s+(?:me|anything|any|more|further)\b
    | \blet\s+me\s+know\s+if\s+(?:this|that|it)\s+(?:works|helps|is\s+(?:ok|okay|not|what))\b
    | ^(?:for|to)\s[^,]{3,80},\s*(?:please\s+)?(?:call|contact|use|visit|see|go\s+to|e-?mail|refer\s+to)\b
    | ^if\s+you(?:'d|\s+would)\s+like\s*, | ^if\s+your\s+(?:\w+\s+){1,3}(?:has|have|needs?|requires?)\b
    | ^(?:do|did)\s+you\s+know\s+that\b | \b(?:can|could)\s+you\s+believe\b | \blet\s+(?:me|us)\s+know\s+if\s+(?:anything|something)\s+(?:is|was)\s+(?:missing|unclear|wrong|off)\b
    | \bclick\b | \bunsubscribe\b | \bhttp
    | \b(?:i|we)(?:'d|\s+would|'ll|\s+will)\s+(?:also\s+|certainly\s+)?be\s+(?:more\s+than\s+)?(?:happy|glad|pleased|delighted)\s+to\b
    | ^(?:\W*\w+\s*[,:-]\s*)?(?:(?:and|so|but|also)\s+)?(?:if|should|when(?:ever)?)\s+you(?:\s+(?:ever|still|also))?(?:'d|\s+(?:would|do))?\s+(?:like|want|wish|prefer|care|find(?!\s+(?:\w+\s+){1,3}(?:in\s+(?:good\s+)?order|acceptable|satisfactory|correct|agreeable)\b)|need|are\s+interested|decide|choose)\b
    | ,?\s+if\s+you(?:'d|\s+would)\s+(?:like|prefer)\s*[.!]?$ | ^should\s+it\s+be\s+the\s+case\b | \bif\s+you\s+need\s+(?:\w+\s+)?(?:assistance|help)\b
    | \b(?:how|ways?)\s+(?:in\s+which\s+)?(?:our|we)\b[^.?!]{0,60}\bcan\s+(?:help|assist|benefit|serve|support|add\s+value)
    | ^(?:\W*\w+\s*[,:-]\s*)?(?:do|did|would|will)\s+you\s+(?:need|want|like)\s+(?:any\s+|some\s+|more\s+)?(?:help|assistance|a\s+hand)\b
    | \breceived\s+this\s+(?:e-?mail|message|communication|transmission)\s+in\s+error\b
    | \b(?:like|love|want)\s+(?:you|you\s+two|both\s+of\s+you)\s+to\s+meet\s+[A-Z]
    | \bif\s+(?:any\s+of\s+)?(?:you|anyone|anybody)\b[^,.]{0,40}?\b(?:would|'d)\s+like\s+to\s+(?:attend|participate|join|register|come|receive|learn|see|hear|advertise|post)\b
    | \bif\s+you\s+(?:have|know\s+of)\b[^,.]{0,60}\b(?:you(?:'d|\s+would)\s+like|you\s+want)\b
    | \bhear\s+from\s+you\s+(?:sometime|some\s+time|one\s+of\s+these\s+days)\b | \bif\s+you\s+ever\s+get\s+a\s+chance\b
    | ^(?:\W*\w+\s*[,:-]\s*)?(?:if\s+not|otherwise)\s*,?\s*(?:please\s+)?(?:let\s+(?:me|us)\s+know|advise|call\s+me|respond|reply)\b
    | (?:^(?:\W*\w+\s*[,:-]\s*)?|\bplease\s+)r\.?s\.?v\.?p\b | \br\.?s\.?v\.?p\s+(?:by|to|before|no\s+later)\b | ^(?:\W*\w+\s*[,:-]\s*)?(?:\(\s*)?if\s+there\s+(?:are|is|were)\s+(?:any|other)\s+(?:[\w-]+\s+){0,3}?(?:you(?:'d|\s+would)\s+like|you\s+(?:want|wish)|questions|concerns|comments)\b
    | \b(?:respond|reply|let\s+(?:me|us)\s+know|advise|speak\s+up|call\s+me)\s+(?:if|is|should|in\s+case)\s+(?:anyone|anybody|any\s+of\s+you|you)\s+(?:has|have|had|sees?|disagrees?|objects?|differs?)\s+(?:a\s+|any\s+)?(?:different|other|contrary|opposing|problems?|issues?|objections?|concerns?|disagreement)\b
    | \blet\s+(?:me|us)\s+know\s+(?:(?:of|about)\s+any\s+(?:issues|problems|questions|concerns)\b|how\s+(?:I|we)\s+(?:can|could|might)\s+(?:help|assist|be\s+of\s+(?:any\s+|further\s+)?(?:help|assistance|service|use))|if\s+you\s+(?:feel|think|see\s+it)\s+otherwise\b(?![^.]*\bplease\b)|if\s+you\s+(?:disagree|object)\b(?![^.]*\bplease\b))
    | \bif\s+(?:anyone|anybody|someone|somebody)\s+needs?\s+(?:help|anything|assistance|a\s+hand)\b
    | \b(?:let\s+(?:me|us)\s+know|advise)\s+if\s+you\s+(?:still\s+|also\s+|ever\s+)?(?:need|want|would\s+like|'d\s+like)\s+(?:(?:us|me)\s+to\b|them\b|these\b|those\b|a\s+copy\b|(?!to\b|me\b|us\b|your\b|my\b|our\b)\w+(?:\s+\w+){0,3}\s*[.!]?$)
    | \breceiv(?:ed|ing|e)\s+(?:this|these|it|them)\b[^.]{0,20}?\bin\s+error\b
    | ^(?:\W*\w+\s*[,:-]\s*)?(?:in|for)\s+(?:urgent|pressing|emergency)\s+(?:matters|cases|issues|questions|enquiries|inquiries)\b | \b(?:call|ring|e-?mail|phone|contact|text)\s+(?:me|us)\s+if\s+(?:anything|something)\s+(?:is|was|seems|looks)\s+(?:unclear|missing|wrong|off)\b
    | \bpor\s+favor\s+no\s+(?:lo\s+|la\s+)?(?:responda|respondas|conteste|contestes)\b | \bbitte\s+(?:antworten\s+sie\s+nicht|nicht\s+antworten)\b | \bne\s+pas\s+r[ée]pondre\b | \bnon\s+rispondere\b | \bniet\s+(?:op\s+)?(?:deze\s+|dit\s+)?(?:e-?mail\s+|bericht\s+)?(?:beantwoorden|reageren)\b | \bnie\s+odpowiadaj\b | \bnu\s+r[ăa]spunde[țţ]i\b
    | \b(?:in\s+dringenden\s+f[äa]llen|i\s+hastesager|i\s+akutte\s+saker|en\s+caso\s+de\s+urgencia|en\s+cas\s+d'urgence|in\s+caso\s+di\s+urgenza|in\s+dringende\s+gevallen|em\s+caso\s+de\s+urg[êe]ncia|w\s+pilnych\s+sprawach|[îi]n\s+caz\s+de\s+urgen[țţ][ăa])\b
    | \b(?:falls|wenn)\s+(?:sie|du)\b[^,.]{0,60}\bnicht\b | \bsi\s+(?:no\s+puede|no\s+puedes|vous\s+ne\s+pouvez|tu\s+ne\s+peux|n[ãa]o\s+puder)\b
    | ^(?:\W*\w+\s*[,:-]\s*)?(?:also\s+|and\s+)?please\s+(?:do\s+)?(?![^.!?]*\b(?:send|call|tell|give|e-?mail|let|get\s+back\s+to|make|copy|cc|forward|show|bring)\s+(?:me|us)\b)(?:keep\s+(?!(?:me|us|him|her|them|[a-z]+(?:\s+[a-z]+)?)\s+(?:posted|informed|updated|in\s+the\s+loop|advised|apprised|involved|in\s+confidence|quiet|confidential))|use\s|continue\s+to\s|be\s+on\s+the\s+lookout|only\s|encourage\s|remember\s+that\b|pass\s+(?:this|it)\s+(?:on|along)\b(?!\s+to\s+(?:the\s+(?:appropriate|right|relevant)|(?-i:[A-Z][a-z]+)\b))|include\s[^.!?]*\bin\s+your\s+(?:thoughts|prayers)\b)"""
)


def _headline(s: str) -> bool:
    """A Title Case Question Is A Newsletter Headline, Not An Ask."""
    words = [w for w in s.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


_ASIDE = re.compile(r"\?\s*\([^()]*\)\s*\.?$")
_YOU = re.compile(r"\b(?:you|your|u)\b", re.IGNORECASE)




def is_ask(sentence: str, words: frozenset[str] | None = None) -> bool:
    """Does this one sentence ask the reader for something?"""
    s = sentence.strip().strip('"').strip()
    if s[-1:] != "?" and "?" in s:
        # "Do we have a format for it? (i.e. one they accept)": a question with an aside.
        aside = _ASIDE.search(s)
        if aside:
            s = s[: aside.start() + 1]
    if words is None:
        words = _words(s)
    if len(s) < 6:
        return False
    if s.endswith("?"):
        if _PLEASANTRY.search(s) or _headline(s) or _SMALL_TALK.match(s):
            return False
        candidate = bool(_QUESTION_START.search(s) or _YOU.search(s) or _ask_phrase(s, words))
    else:
        candidate = _ask_phrase(s, words)
    if not candidate:
        return False
    # The exclusions are a veto, checked only for would-be asks.
    veto = _not_ask_start(s, words)
    if veto is None:
        return True
    # "Please review and let me know if you have any other suggestions": the
    # offer at the end does not undo the request made before it.
    return veto > 10 and _TASK_REQUEST.search(s, 0, veto) is not None


def _not_ask_start(s: str, words: frozenset[str]) -> int | None:
    """Where the first exclusion (``_NOT_ASK``) matches in ``s``, or None.

    The same answer as ``_NOT_ASK.search(s).start()``, but each alternative
    runs only when its words occur (the whole alternation is slow)."""
    keys, index = _NOT_ASK_BY_WORD
    start = None
    tried: set[int] = set()
    for word in words & keys:
        for alternative in index[word]:
            if id(alternative) not in tried:
                tried.add(id(alternative))
                m = alternative.search(s)
                if m and (start is None or m.start() < start):
                    start = m.start()
    return start


# A request for a piece of work ("please review", "could you sign"), as opposed
# to an invitation to get in touch ("please call me if you have questions").
_TASK_VERBS = (
    r"(?:review|send|forward|sign|approve|confirm|provide|complete|check|look\s+(?:at|over|into)|print|update|fill\s+out"
    r"|return|submit|fax|prepare|verify|correct|comment\s+on|read|revise|edit|draft|schedule|set\s+up|run|pull|process"
    r"|initial|execute|resend|respond\s+to\s+(?:my|this|the)|get\s+(?:me|us|back\s+to\s+me)|take\s+a\s+look|mark\s+up|add|remove)\b"
)
_TASK_REQUEST = _rx(
    r"(?:^|[,;:]\s*|\b(?:and|also|then|just|so)\s+)(?:please|pls|kindly)\s+(?:also\s+)?" + _TASK_VERBS
    + r"|\b(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:also\s+)?" + _TASK_VERBS
)


# ---------------------------------------------------------------- intro

# A person's name: one or two capitalised words, each a whole word, so that
# "myCFO" or "FlowMetrics" (a product) is not a name.
_NAME = r"(?:[A-ZÀ-Þ][a-zß-ÿ'’.-]+(?:-[A-ZÀ-Þ][a-zß-ÿ'’.]+)?\b(?![-’'])|[A-Z]\.)(?:\s+[A-ZÀ-Þ][a-zß-ÿ'’.-]+(?:-[A-ZÀ-Þ][a-zß-ÿ'’.]+)?\b(?![-’']))?"
_INTRO = re.compile(
    r"""\bintroduc(?:e|ing)\s+(?:you\s+(?:two|both|all)|(?:you\s+)?to\s+(?:you\s+)?(?:(?:my|our|a|an)\b|one\s+of|""" + _NAME + r""")|you\s+(?:and|to)\s+(?:(?:my|our|a|an)\b|""" + _NAME + r""")|y'all)
    | \b(?:like|love|want(?:ed)?|happy|pleased|glad|delighted|chance|opportunity|allow\s+me|let\s+me|going)\s+to\s+introduce\s+(?!myself|ourselves|(?:you\s+to\s+)?[A-Z]\w*[a-z][A-Z]|a\s+new|the\s+new|our\s+new|new\b|(?:[A-Z][\w&.-]*\s+){0,3}(?:Group|Inc|Corp|Corporation|Company|LLC|Ltd|Services|Solutions|Technologies|Partners|International|Associates|Consulting)\b|our\s+(?:company|firm|services|products)|legislation|a\s+bill|the\s+bill|you\s+to\s+(?:the|our|a)\s+(?:new|latest|concept|idea|program|product|service))
    | \b(?:this\s+is|consider\s+this|as\s+an?|by\s+way\s+of|quick|e-?mail|virtual|formal)\s+(?:an?\s+|my\s+)?(?:e-?mail\s+|virtual\s+|quick\s+|formal\s+)?(?:introduction|intro)\b(?!\s+(?:to|of)\s+(?:the|our|a)\s+(?:new|product|program|course|concept|system))
    | (?:^|[.!:]\s+)(?:(?:[Hh]ey|[Hh]i|[Hh]ello)\s+)?(?:""" + _NAME + r"""\s*[,-]\s*)?(?:[Pp]lease\s+)?[Mm]eet\s+(?:my\s+(?:[\w-]+\s+){1,2}?)?""" + _NAME + r"""\s*(?:\([^)]{0,20}\))?\s*[,.!-]
    | \b(?:put|putting|get|getting|puts|gets)\s+you\s+(?:two\s+|both\s+)?in\s+(?:touch|contact)(?:\s+with\b|\s*[.!,;]|\s*$)
    | \b(?:connect|connecting|hook|hooking)\s+you\s+(?:two\s+|both\s+)?(?:up\s+)?(?:with|to)\s+(?:(?:my|our)\s+(?:friend|colleague|former|old|good|brother|sister|cousin|partner|contact|neighbou?r)|""" + _NAME + r"""|him\b|her\b|them\b|someone|somebody)
    | \b(?:[Cc]onnect|[Cc]onnecting|[Ii]ntroducing)\s+you\s+(?:two|both)\b
    | \byou\s+two\s+(?:should|might|would|could|can|ought\s+to|need\s+to|will|must)\s+(?:really\s+|definitely\s+|totally\s+)?(?:talk|meet|connect|get\s+together|speak|know\s+each\s+other|have\s+a\s+lot|chat|grab\s+(?:a\s+)?coffee|get\s+(?:a\s+)?coffee|have\s+(?:a\s+)?(?:coffee|chat|call|drink|beer|lunch)|compare\s+notes)
    | \b[Yy]ou\s+(?:really\s+|definitely\s+|totally\s+|also\s+)?(?:should|might\s+want\s+to|may\s+want\s+to|ought\s+to|need\s+to|could|can)\s+(?:really\s+|definitely\s+|also\s+)?(?:talk|speak|get\s+in\s+touch|connect|reach\s+out|touch\s+base|meet|give|call|contact)\s+(?:to\s+|with\s+)?(?:my\s+(?:old\s+|former\s+|good\s+|dear\s+|best\s+)?(?:friend|colleague|brother|sister|cousin|partner|contact|classmate|roommate|neighbou?r|buddy|teammate|mentor)(?:\s+""" + _NAME + r""")?|""" + _NAME + r""")(?:\s*[,(–-]|\s+(?:who|at|he|she|since|because|about|as|in\s+our|on\s+(?:my|our)))
    | \b(?:I|[Ww]e)(?:'ve|'ll|\s+have|\s+will|\s+just|\s+already|\s+also)*\s+(?:gave|given|passed|pass|forwarded|forward|sent|send|give|provided)\s+(?:along\s+)?your\s+(?:name|number|phone\s+number|e-?mail(?:\s+address)?|contact\s+(?:info\w*|details)|resume|cv)\s+(?:along\s+)?(?:on\s+)?to\b
    | \b(?:asked|told|suggested|encouraged|will\s+have|I'll\s+have|having)\s+(?:(?:my|our)\s+(?:[\w-]+\s+){1,2}?""" + _NAME + r"""|""" + _NAME + r"""|him|her|them)\s+(?:to\s+)?(?:contact|call|get\s+in\s+touch\s+with|reach\s+out\s+to|e-?mail|give\s+you\s+a\s+call|ring)\s+you\b
    | \b(?!(?:I|We|You|They|It|This|Someone|Somebody|Our|Your|One|Nobody|Everyone)\b)""" + _NAME + r"""\s+(?:will|is\s+going\s+to|should|may|might|would\s+like\s+to|wants\s+to|plans\s+to)\s+(?:be\s+)?(?:contact(?:ing)?|call(?:ing)?|get(?:ting)?\s+in\s+touch\s+with|reach(?:ing)?\s+out\s+to|e-?mail(?:ing)?)\s+you\b
    | (?:\b(?:I(?:'ve|\s+have|'m|\s+am)?)\s+(?:cc'?d|cc'?ing|cc'?ed|copied|copying|included|including|adding|added|looped\s+in|looping\s+in)|(?:^|[-–:]\s*)(?:[Ll]ooping|[Cc]opying|[Aa]dding)\s+in)\s+(?:""" + _NAME + r"""|my\s+\w+(?:\s+""" + _NAME + r""")?)(?:\s+(?:on|in|here))?(?:\s+(?:this|here))?\s*(?:,\s*)?(?:who|so\s+(?:that\s+)?(?:you|he|she|they)|since\s+(?:he|she)|as\s+(?:he|she)|because\s+(?:he|she)|to\s+(?:help|assist|introduce|connect))
    | \b(?:(?:suggest|recommend|advise)(?:ed)?|(?:would|'d)\s+ask)\s+(?:that\s+)?you\s+(?:call|contact|talk\s+to|speak\s+(?:to|with)|get\s+in\s+touch\s+with|reach\s+out\s+to|e-?mail|meet(?:\s+with)?)\s+(?:him|her|""" + _NAME + r""")\b
    | (?i:(?:^|[,;]\s*|\bplease\s+|\byou\s+(?:can|could|may|might|should)\s+(?:want\s+to\s+)?)(?:contact|call|e-?mail|talk\s+to|speak\s+(?:to|with)|get\s+in\s+touch\s+with|reach\s+out\s+to)\s+(?:him|her)\s+(?:for|about|regarding|directly|to\s+(?:work\s+out|discuss|resolve|set\s+up|arrange|coordinate))\b)
    | \b(?:I|[Ww]e)(?:'ve|\s+have|\s+just|\s+already|\s+also)*\s+(?:forwarded|passed|sent|gave)\s+(?:along\s+)?your\s+(?:e-?mail|note|message|request|question|inquiry|resume|cv|info\w*)\s+(?:along\s+|on\s+)?to\s+""" + _NAME + r"""
    | \b(?:could|can|would|will)\s+you\s+(?:please\s+)?(?:get\s+in\s+touch\s+with|reach\s+out\s+to|contact|call|touch\s+base\s+with)\s+(?!(?:me|us|it)\b)(?:""" + _NAME + r"""|\w+)\s+(?:upon|when|once|after|about|regarding|to\s+discuss|to\s+set)
    | \b(?:he|she|""" + _NAME + r""")\s+(?:would\s+be|is|will\s+be)\s+(?:a\s+)?(?:great|good|the\s+right|the\s+best|an?\s+excellent|a\s+helpful|a\s+useful)\s+(?:person|contact|resource)\s+(?:for\s+you\s+)?to\s+(?:talk|speak|contact|meet)
    | \bhave\s+(?:that\s+person|(?:him|her|them|someone|somebody)(?:\s+in\s+your\s+\w+)?)\s+(?:get\s+in\s+touch\s+with|contact|call|reach\s+out\s+to|meet\s+with)\s+""" + _NAME + r"""
    | \b(?!(?:I|We|You|They|It|This)\b)""" + _NAME + r"""\s+or\s+(?:his|her)\s+(?:designee|assistant|colleague|team|staff)\s+will\s+(?:contact|call|get\s+in\s+touch\s+with|e-?mail)\s+you\b
    | \b(?:[Aa]ttached|[Ee]nclosed)\s+(?:is|are)\s+(?:a\s+copy\s+of\s+)?(?:the\s+|a\s+)?(?:[Rr]esume|[Rr][ée]sum[ée]|CV)\s+(?:of|for|from)\s+(?:a\s+(?:person|friend|former|good)|my\s+(?:friend|former|son|daughter|neighbou?r|colleague|cousin|nephew|niece))
    | \b(?:could|would|might|will|can)\s+be\s+a\s+(?:great|good|helpful|useful|valuable|terrific|big)\s+(?:resource|contact|help)\s+for\s+(?:him|her|them|you|""" + _NAME + r""")\b
    | \bI(?:'d|\s+would|'ll|\s+will|\s+thought\s+I'd)\s+(?:also\s+)?(?:add|copy|cc|include|loop\s+in)\s+""" + _NAME + r"""(?:\s+(?:on|in|to)\s+(?:this|the\s+(?:thread|note|e-?mail|discussion)))?(?:,?\s*too,?|\s+as\s+well,?)?\s*(?:who\b|since\s+(?:he|she)|as\s+(?:he|she)|because\s+(?:he|she)|so\s+(?:that\s+)?(?:you|he|she))
    | \b[Yy]ou\s+(?:can|could|may|might|should)\s+(?:want\s+to\s+)?(?:make\s+an\s+appointment|set\s+up\s+(?:a\s+)?(?:time|meeting|call)|schedule\s+(?:a\s+|some\s+)?(?:time|meeting|call))\s+with\s+""" + _NAME + r"""
    | \bI\s+(?:know|have)\s+(?:of\s+)?(?:a|an)\s+(?:\w+\s+){1,4}?(?:who|that|whom)\b[^.!?]{0,80}\b(?:good|great|strong|perfect|excellent|ideal)\s+(?:fit|candidate|match|addition)
    | \b(?:[Ll]et\s+me|[Aa]llow\s+me\s+to|[Pp]ermit\s+me\s+to)\s+introduce\s+(?!myself|ourselves|(?:you\s+to\s+)?(?:our|the|a|my)\s+(?:new\s+)?(?:company|firm|services|products|team|solution|platform))
    | (?:^|\b(?:[Ii]|[Ww]e)(?:'ve|\s+have|\s+just|\s+already|\s+also)*\s+|\band\s+(?:also\s+)?)(?:[Gg]ave|[Gg]iven|[Pp]assed|sent|[Ff]orwarded)\s+(?:him|her|them|""" + _NAME + r""")\s+your\s+(?:(?:studio|work|office|mobile|cell|home|direct|private|personal)\s+)?(?:card|address|name|number|phone\s+number|e-?mail(?:\s+address)?|contact\s+(?:info\w*|details)|resume|cv|details|plans|drawings|portfolio|project\s+file|file)\b
    | \bmeet\s+[a-z]+\s*\((?:cc|cc'?d|cc'?ed|copied)\)
    | \b[Yy]ou\s+and\s+""" + _NAME + r"""\s+(?:should|must|need\s+to|ought\s+to)\s+(?:really\s+|definitely\s+|totally\s+)?(?:know|meet|talk|connect|get\s+together|compare\s+notes)\b
    | \b(?:[Ss]he|[Hh]e|[Tt]hey)(?:'ll|\s+will|\s+may|\s+might)\s+(?:(?:probably|likely|soon)\s+(?:e-?mail|call|text|ring)|(?:probably\s+|likely\s+|soon\s+)?(?:reach\s+out\s+to|get\s+in\s+touch\s+with|be\s+in\s+touch\s+with))\s+you\b
    | \btold\s+(?:him|her|them)\s+(?:that\s+)?you(?:'d|\s+would|'re|\s+are)\s+(?:be\s+)?the\s+(?:best|right|perfect|ideal)\s+person\b
    | \basked\s+""" + _NAME + r"""(?:\s+from\s+(?:[\w&-]+\s+){0,2}[\w&-]+)?\s+to\s+join\s+(?:this|the|us)\b
    | \b[Ll]ooping\s+(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+)?""" + _NAME + r"""\s+in\b | \bhere's\s+(?:his|her|their)\s+(?:number|e-?mail|contact|info|details|cell)\b
    | \btell\s+(?:him|her|them)\s+(?:you're|you\s+are)\s+(?:my|a)\s+friend\b
    | \bput(?:ting)?\s+""" + _NAME + r"""\s+forward\b | \b(?:wanted|want|would\s+like|'d\s+like|happy|glad)\s+to\s+recommend\s+(?:my\s+(?:[\w-]+,?\s+){0,2}?)?""" + _NAME + r"""\s*[,(.;]
    | (?:^|[.!]\s+)[Cc]onnecting\s+you(?:\s+(?:two|both))?\s*[,.!–-]
    | \b(?:like|love|want)\s+(?:you|you\s+two|both\s+of\s+you)\s+to\s+meet\s+""" + _NAME + r"""
    | \b(?:writing|write)\s+to\s+introduce\s+(?:you\s+to\s+)?(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+[A-Z]|my\s+(?:friend|colleague|student|former|son|daughter|neighbou?r)|""" + _NAME + r""",\s+(?:a|an|my|our|who)\b)
    | \b(?!(?:She|He|They|It|This|That|Everyone|Everybody|Nobody|Who|What)\b)[A-Z][a-z]+(?:'s|\s+is)\s+(?:cc'?d|cc'?ed|copied|on\s+cc|looped\s+in|on\s+this\s+(?:e-?mail|thread))\b
    | \b(?:I'll|I\s+will|I'm\s+going\s+to|[Ll]et\s+me)\s+(?:let|leave)\s+(?:you\s+(?:two|both)|the\s+two\s+of\s+you|it\s+(?:to|with)\s+you\s+(?:two|both))\b | \b[Oo]ver\s+to\s+you\s+(?:two|both)\b
    | (?:^|[.!]\s+)(?!(?:Also|However|Arguably|Like|Whereas|Unfortunately|Additionally|Finally|Meanwhile|Currently|Today|Yesterday|Again|Otherwise|Instead|Similarly|Overall|Basically|Actually|Frankly|Clearly|Obviously|Indeed|Therefore|Thus|Hence|Still|Yes|No|Well|Ok|Okay|Anyway|Besides|Further|Furthermore|Moreover|Sadly|Luckily|Fortunately|Interestingly|Importantly|Essentially|Generally|Usually|Recently|Lately|First|Second|Third|Lastly|Plus|So|And|But|Or|Note|Remember|Now|Then|Here|There|Sir|Madam|Dear|Hi|Hello|Hey)\b)""" + _NAME + r"""(?:(?:,\s*|\s+(?:and|&)\s+)""" + _NAME + r""")?(?:,|:|\s[-\u2013\u2014])\s+(?!I\b|[Ww]e\b|[Yy]ou\b|[Hh]e\b|[Ss]he\b|[Tt]hey\b|[Tt]his\b|[Tt]hat\b|[Ii]t\b|[Tt]here\b|[Hh]ere\b|[Tt]hanks\b|[Pp]lease\b|[Ww]hat\b|[Aa]ttached\b|[Bb]elow\b|[Ee]nclosed\b|[Tt]oday\b|[Tt]omorrow\b|[Ee]verything\b|[Nn]othing\b|[Yy]our\b|[Mm]y\b|[Oo]ur\b|[Tt]his\b|[Nn]ow\b|[Ss]o\b)(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+[A-Z][a-z]+|[A-Z][a-z]+(?:-[A-Z][a-z]+)?|the\s+[A-Z][a-z]+s)\s+(?:is\s+[A-Z][a-z]+'s\s+\w+|is\s+the\s+(?:[\w-]+\s+){0,2}?(?:I|we)\s+(?:told|mentioned|wrote)\b|(?:runs|leads|heads|manages|coordinates|owns)\s+[a-z]+|knows\s+(?:every(?:one|body)?|all\s+the|more\s+about|most\s+of|the\s+best)\b|(?:and\s+(?:his|her|their)\s+family\s+)?just\s+moved\b|is\s+(?:a|an|the|my|our|one\s+of)\s+(?:[\w-]+\s+){0,3}?(?:friend|colleague|founder|co-?founder|person|guy|expert|engineer|designer|lead|head|director|manager|partner|investor|advisor|adviser|mentor|recruiter|lawyer|attorney|doctor|teacher|professor|speaker|neighbou?r|classmate|teammate|roommate|cousin|brother|sister|cto|ceo|cfo|coo|vp|CTO|CEO|CFO|COO|CMO|CPO|VP|architect|planner|chef|owner|client|supplier|craftsman|artist|photographer|journalist|analyst|scientist|developer|nurse|pharmacist|dentist|physician|surgeon|therapist|coach|trainer|tutor|agent|broker|banker|realtor|landlord|student|candidate|researcher|consultant|accountant|contractor|builder|writer|editor|producer|one|priest|pastor|vicar|curator|conservator|restorer|carver|mason|stonemason|printer|binder|chair|chairman|chairwoman|secretary|treasurer|officer|librarian|archivist|historian|surveyor|engineer|plumber|electrician|carpenter|mechanic|vet|midwife|[a-z]+ist|[a-z]+ian)\b
      |is\s+(?:the|a|an|my|our)\s+(?:[\w-]+\s+){0,2}?[a-z]+\s+(?:who|whose)\s+(?!is\b|are\b|was\b)|(?:runs|leads|heads|founded|co-?founded|started)\s+(?:the|our|a|an|his|her|their)\b|just\s+moved\b)
    | \b(?:[Pp]assing\s+along|[Ss]ending\s+(?:along|over)|[Rr]eferring)\s+(?:(?:a|an|my)\s+[^.:]{0,50}?:\s*)?""" + _NAME + r"""\s*(?:\([^)]{0,40}\))?\s*[,.]
    | \bknows?\s+I'?m\s+(?:reaching\s+out|writing|sending|e-?mailing|introducing|passing)\b | \b(?:she|he|they)(?:'s|\s+is|'re|\s+are)\s+expecting\s+(?:to\s+hear\s+from\s+you|your\s+(?:call|e-?mail|note|message))\b | \bI've\s+told\s+(?:him|her|them)\s+you\s+(?:might|may|will|would)\s+(?:reach\s+out|call|e-?mail|be\s+in\s+touch)
    | (?:^|[.!]\s+)(?:[Cc]all|[Tt]ry|[Tt]ext)\s+""" + _NAME + r"""\s*[,(]\s*(?:\+?\(?\d|[\w.-]+@)
    | \b[Tt]ell\s+(?:him|her|them)\s+(?:I|[A-Z][a-z]+)(?:\s+from\s+[^.]{1,30}?)?\s+sent\s+you\b
    | \b(?:[Aa]ttached|[Ee]nclosed)\s+(?:is|are|please\s+find)\s+(?:a\s+copy\s+of\s+)?(?:his|her)\s+(?:[Rr]esume|[Rr][ée]sum[ée]|CV|cv)\b
    | (?:^|[-–:;,.!]\s*|\bI(?:'ve|\s+have|'m|\s+am)?\s+|\b(?:just|also|of)\s+)(?:[Aa]dding|[Aa]dded|[Ll]ooping\s+in|[Ll]ooped\s+in|[Cc]opying|[Cc]opied|[Cc][Cc]'?(?:ing|ed|d)|[Ii]ncluding|[Bb]ringing\s+in|\+)\s*@?(?:(?:my|our)\s+(?:[\w-]+\s+){0,2}?[\w-]+,?\s+)?""" + _NAME + r"""(?:\s*\([^)]{0,20}\))?(?:\s+(?:from|at|on|of|in)\s+(?:[\w&.-]+\s+){0,3}?[\w&.-]+)?(?:\s+(?:here|on\s+(?:this|the|my)\s+(?:e-?mail|thread|note|message)|to\s+(?:this|the)\s+(?:e-?mail|thread)))?(?:\s*\([^)]{0,20}\))?(?:,\s*(?:our|my|the|a|an)\s+[^,]{1,40},)?\s*(?:[,;:(–-]+\s*|\s+)(?:who\b|since\s+(?:she|he|they)|as\s+(?:she|he|they)\b|because\s+(?:she|he|they)|to\s+(?:help|connect|introduce)|(?:she|he|they)(?:'s|'ll|\s+is|\s+knows|\s+runs|\s+leads|\s+handles|\s+has|\s+can|\s+was|\s+did|\s+built|\s+works|\s+owns|\s+will|\s+coordinates|\s+manages|\s+heads|\s+(?!is\b|was\b|has\b|does\b)[a-z]{3,}s\b))
    | (?:^|[.!]\s+)""" + _NAME + r"""\s*[,–:-]+\s*(?:this\s+is\s+""" + _NAME + r""",\s+(?:my|our|the\s+(?:[\w-]+\s+){1,2}(?:I|we)\s+(?:told|mentioned|spoke|talked|wrote))|meet\s+""" + _NAME + r""")\b
    | (?:^|[.!]\s+)[Ii]ntroducing\s+""" + _NAME + r"""\s*(?:\((?:cc'?d?|cc'?ed|copied|bcc'?d?|in\s+cc|cc'd\s+here)\)|,\s+(?:who|my|our)\b)
    | \b(?:[Hh]e|[Ss]he|[Tt]hey|[Ss]omeone|[Ss]omebody|(?!(?:I|We|You|It|This|That)\b)""" + _NAME + r""")(?:\s+(?:from|at|in|on|with)\s+(?:[\w&'’.-]+\s+){0,5}?[\w&'’.-]+)?\s+(?:will|'ll|should|may|might|is\s+going\s+to)\s+(?:probably\s+|likely\s+|soon\s+|shortly\s+|also\s+)?(?:be\s+(?:contacting|calling|e-?mailing|getting\s+in\s+touch\s+with|in\s+touch\s+with|reaching\s+out\s+to)|(?:probably|likely|soon|shortly)\s+(?:contact|call|e-?mail))\s+you\b
    | \b(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:direct\s+|cell\s+|mobile\s+|office\s+|work\s+|home\s+)?(?:number|phone(?:\s+number)?|line|extension|cell|e-?mail(?:\s+address)?)\s+is\s+(?:\+?\(?\d|[\w.-]+@)
    | \b(?:I\s+(?:would\s+|'d\s+)?(?:suggest|recommend)|[Yy]ou\s+(?:might|may|could|should)\s+(?:want\s+to\s+)?(?:try\s+)?)\s*(?:asking|contacting|calling|talking\s+(?:to|with)|speaking\s+(?:to|with)|checking\s+with|getting\s+in\s+touch\s+with|reaching\s+out\s+to|give|giving)\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Today|Tomorrow|Tonight|Next|This|Him|Her|Them|It)\b)(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?""" + _NAME + r"""(?:\s+a\s+(?:call|ring|shout|note|line|buzz))?\s*(?:[,.;(–-]|\s+(?:for|about|in|at|from|on|who|as|since|because|regarding|re)\b|$)
    | \b(?:[Tt]he|[Yy]our)\s+(?:best\s+|right\s+)?(?:person|contact|guy|one|people)\s+to\s+(?:talk\s+to|ask|call|contact|speak\s+(?:to|with)|see|reach\s+out\s+to)\s+(?:(?:about|on|for)\s+[^.]{1,40}?\s+)?(?:is|are|would\s+be)\s+(?:probably\s+)?(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?""" + _NAME + r"""
    | \b[Yy]ou\s+can\s+(?:reach|contact|find|email|e-mail|call|text)\s+(?:him|her|them)\s+(?:at|on|via)\s+(?:\+?\(?\d|[\w.-]+@)
    | \b(?:[Ff]orwarding|[Aa]ttaching|[Ee]nclosing|[Ss]ending(?:\s+(?:along|over))?|[Hh]ere(?:'s|\s+is|\s+are))\s+(?:(?!(?:My|Our|The|This|That|Your)\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?'s|(?:my|our)\s+(?:[\w-]+\s+){1,2}?[\w-]+'s|his|her)\s+(?:CV|cv|[Rr]esume|[Rr][ée]sum[ée]|portfolio|LinkedIn|profile)\b
    | \bI(?:'ve|\s+have)?\s+(?:also\s+|just\s+)?(?:copied|cc'?d|cc'?ed|looped\s+in|added|included)\s+(?:him|her|them)\s+(?:here|on\s+(?:this|here)|in\s+(?:here|cc))\b
    | \bI\s+(?:mentioned|recommended)\s+you\s+to\s+""" + _NAME + r"""
    | \b(?:should|must|ought\s+to)\s+(?:really\s+|definitely\s+)?(?:know|meet)\s+each\s+other\b
    | \bmy\s+(?:[\w-]+\s+){0,2}?(?:friend|colleague|classmate|cousin|brother|sister|neighbou?r|mentee|student|teammate|report|roommate|buddy)\s+""" + _NAME + r"""\b[^.!?]{0,140}\b(?:thought\s+of\s+you|you\s+came\s+to\s+mind|you'd\s+be\s+(?:the|a)\s+(?:great|good|perfect|right|best)\s+person)
    | \b[Ff]eel\s+free\s+to\s+(?:call|contact|e-?mail|reach\s+out\s+to|get\s+in\s+touch\s+with|ring|text)\s+(?:him|her)\b(?![^.!?]*\bquestions?\b)
    | \b(?!(?:I|We|You|It|This|That)\b)""" + _NAME + r"""\s+will\s+(?:be\s+)?introduc(?:e|ing)\s+(?:himself|herself|themselves)\b
    | (?:^|[.!]\s+)(?!(?:Let's|Lets|Can|Could|Should|Shall|Will|Would|We|I|You|They|Then|Also|Hope|Nice|Good|Great|Pleased|Glad)\b)""" + _NAME + r"""\s+meet\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Tomorrow|Tonight|Next|This|Me|Us|Up|Again|Later|With|Everyone|All)\b)""" + _NAME + r"""\b
    | \b""" + _NAME + r"""\s*\((?:cc|cc'?d|cc'?ed|ccd|copied|bcc|bcc'?d|on\s+cc|cc'?ing\s+(?:her|him|them))\)
    | \b(?:after|once|when)\s+you(?:'ve|\s+have)?\s+(?:talked|spoken|met|connected|had\s+a\s+chance\s+to\s+(?:talk|speak|meet))\s+(?:with|to)\s+(?!(?:him|her|them|me|us|everyone|the)\b)""" + _NAME + r"""
    | \b(?:[Pp]assing\s+(?:on|along)|[Hh]ere(?:'s|\s+is)|[Ss]ending(?:\s+you)?|[Ff]orwarding)\s+(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+['\u2019]s\s+(?:number|mobile|cell|phone|whatsapp|WhatsApp|email|e-mail|contact|details)\b
    | \b(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:WhatsApp|whatsapp|Signal|mobile|cell)\s+is\s+\+?\(?\d
    | \bI(?:'ve|\s+have)?\s+(?:already\s+|also\s+)?told\s+(?:him|her|them)\s+(?:all\s+)?about\s+you\b
    | \b(?:pass(?:ed|ing)?|gave|give|given|sent|send|forward(?:ed|ing)?)\s+your\s+(?:contact|number|details|email|e-mail|info)\s+(?:on\s+)?to\s+(?:my|our|his|her|""" + _NAME + r""")
    | \b""" + _NAME + r"""\s*(?:\((?:in\s+copy|on\s+copy)\)|,\s+(?:cc'?d|cc'?ed|copied|in\s+copy)\b)
    | \b(?:I'm|I\s+am|I'll|I\s+will)\s+(?:now\s+)?(?:stepping|step|bowing|bow|dropping|drop|ducking|duck)\s+(?:out|off)\s+(?:of\s+(?:the|this)\s+(?:thread|conversation|e-?mail|chain)|of\s+(?:the|your)\s+way)\b
    | \bnot\s+to\s+know\s+each\s+other\b
    | \b(?:I|[Ww]e)\s+(?:also\s+)?(?:copy|cc|include|add|loop\s+in)\s+(?:here\s+)?(?:my|our)\s+(?:[\w-]+\s+){0,2}?(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+)?""" + _NAME + r"""
    | \b(?:I(?:'m|\s+am)|I'?ve|I\s+have)\s+(?:also\s+)?(?:copying|copied|cc'?ing|cc'?d|adding|added|including|included|looping\s+in|looped\s+in)\s+(?:(?:my|our)\s+[\w-]+\s+)?(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+)?""" + _NAME + r"""(?:\s+[A-ZÀ-Þ][a-zß-ÿ]+)?\s*,\s+(?:who\b|(?:(?:a|an|the|my|our)\s+)?[a-z-]+(?:\s+[a-z-]+)?\s+(?:at|of|from|with|in)\s+[A-Z])
    | \b[Yy]ou\s+(?:really\s+|definitely\s+)?(?:should|must|need\s+to|ought\s+to|might\s+want\s+to)\s+(?:talk|speak)\s+(?:to|with)\s+(?:(?:Don|Doña|Mr|Ms|Mrs|Dr|Prof)\.?\s+)?""" + _NAME + r"""(?:\s+[A-ZÀ-Þ][a-zß-ÿ]+)?\s*(?:[,;(]|\s+(?:in|from|of|at)\b)
    | \b(?:[Ss]he|[Hh]e|[Tt]hey)(?:'s|\s+is|'re|\s+are)\s+expecting\s+you\b
    | (?:^|[.!]\s+)""" + _NAME + r""",\s+this\s+is\s+(?:my|our)\s+(?:[\w-]+\s+){1,2}?""" + _NAME + r"""\b
    | (?:^|[.!;]\s+)""" + _NAME + r"""\s*[,:]\s+""" + _NAME + r"""\s+(?:was|has\s+been)\s+(?:my|our)\s+(?:[\w-]+\s+){0,2}?(?:student|colleague|friend|boss|manager|mentor|teacher|professor|roommate|flatmate|classmate|teammate|intern|neighbou?r|client|partner)\b
    | \bI(?:'ll|\s+will)\s+leave\s+you\s+(?:two\s+|both\s+)?to\s+it\b
    | \b(?:[Ii]\s+(?:would\s+like\s+to\s+|want\s+to\s+|'d\s+like\s+to\s+)?(?:highly\s+|strongly\s+)?recommend|to\s+recommend)\s+(?:(?:my|our|a)\s+(?:[\w'-]+\s+){0,3}?)?(?:[\w']+\s+(?:brother|sister|son|daughter|cousin|nephew|niece|friend)(?:-in-law)?,?\s+)?""" + _NAME + r""",?\s+(?:\([^)]{0,40}\)\s+)?for\s+(?:[Ee]mployment|(?:a|an|the|your|any)\s+(?:[\w-]+\s+){0,2}?(?:position|job|role|opening|internship|interview|post|vacancy|program|programme)s?|consideration)\b
    | \b(?:[Tt]he|[Yy]our|[Oo]ur|[Tt]heir|[A-Z][\w&.-]*'s)\s+(?:main\s+|primary\s+|best\s+|key\s+|day-to-day\s+)?(?:contact(?:\s+person)?|point\s+of\s+contact)\s+(?:for|at|on|with)\s+(?:[\w&.'-]+\s+){0,4}?is\s+(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?""" + _NAME + r"""
    | \b(?:[Ss]he|[Hh]e|[Tt]hey|(?!(?:I|We|You|It|This|That)\b)[A-Z][a-z]+)(?:'s|\s+is|'re|\s+are)\s+expecting\s+your\s+(?:inquiry|enquiry|resume|r[eé]sum[eé]|cv|CV|application)\b
    | \b(?:I(?:'ve|\s+have|'m|\s+am)?|[Ww]e(?:'ve|\s+have|'re|\s+are)?)\s+(?:also\s+|just\s+|now\s+)?(?:copied|copying|cc'?d|cc'?ed|cc'?ing|looped|looping)\s+in\s+(?:(?:my|our)\s+(?:[\w-]+\s+){0,2}?[\w-]+,?\s+)?(?:(?:Dr|Prof|Mr|Ms|Mrs)\.?\s+)?""" + _NAME + r"""
    | \bI(?:'ve|\s+have)\s+(?:already\s+|also\s+)?told\s+(?:him|her|them)\s+(?:that\s+)?(?:she|he|they|[A-Z][a-z]+)(?:'ll|\s+will|\s+would|'d|\s+might|\s+may)\s+(?:write|call|e-?mail|be\s+in\s+touch|reach\s+out|get\s+in\s+touch|contact\s+(?:him|her|them))\b
    | (?:^|[.,;:!]\s+|\band\s+)(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:direct\s+|cell\s+|mobile\s+|office\s+|work\s+|home\s+)?(?:number|phone|cell|mobile)\s*:?\s+\+?\(?\d[\d\s().-]{5,}\d
    | \bI(?:'ve|\s+have)\s+(?:already\s+|also\s+|just\s+)?(?:written|spoken|talked|e-?mailed|mentioned\s+you)\s+(?:to\s+)?(?:her|him|them)\s+about\s+you\b
    | \bI(?:'ve|\s+have)?\s+(?:just\s+|also\s+)?passed\s+(?:the\s+)?[A-Z][a-z]+s?\s+on\s+to\s+you\b
    | \b(?:[Nn]ow\s+)?you\s+(?:both\s+|two\s+)?have\s+each\s+other['\u2019]?s\s+(?:e-?mail|addresses|address|contacts?|numbers?|details)\b | \b[Yy]ou\s+two\s+(?:have\s+(?:a\s+lot|so\s+much|loads)\s+in\s+common|should\s+(?:talk|meet|connect|get\s+together))\b
    | \b(?!(?:I|We|You|It|This|That|He|She|They)\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?:\s+(?:at|from|in)\s+[^:.;]{1,40}?)?\s+(?:is|'s)\s+(?:really\s+|very\s+|so\s+|just\s+)?(?:excellent|great|brilliant|fantastic|superb|wonderful|very\s+good|the\s+best)\b[^.;]{0,80}?(?:\+?\d[\d\s().-]{5,}\d|[\w.-]+@[\w-]+\.)
    | \b(?:whom|who)\s+I(?:'ve|\s+have)\s+(?:also\s+|just\s+)?(?:copied|cc'?d|cc'?ed|looped\s+in|added|included)\s+(?:here|on\s+this|in)\b | \b[Tt]he\s+(?:person|one|man|woman|guy)\s+you\s+(?:really\s+)?(?:want|need)(?:\s+to\s+(?:talk|speak)\s+(?:to|with))?\s+is\s+""" + _NAME + r"""
    | \b[Yy]ou\s+(?:may|can|could|should|might\s+want\s+to)\s+(?:contact|call|reach|e-?mail|write\s+to)\s+(?:him|her|them)\s+directly\b | (?:^(?:[Ii]f\s+(?:you(?:'re|\s+are)\s+)?interested,?\s+)?|[.!;]\s+)(?:[Pp]lease\s+(?:feel\s+free\s+to\s+)?|[Ff]eel\s+free\s+to\s+)(?:contact|call|reach|e-?mail|write\s+to)\s+(?:them|these\s+(?:folks|people|candidates|individuals|gentlemen|two))\s+directly\b | \b(?:[Ss]end|[Ff]orward|[Ee]-?mail)\s+(?:him|her|them)\s+your\s+(?:resume|r[ée]sum[ée]|cv|CV|portfolio)\b
    | \b(?:[Ss]he|[Hh]e|[Tt]hey)\s+(?:can|could|should|may|might\s+want\s+to)\s+(?:contact|call|reach|e-?mail|talk\s+to|speak\s+(?:to|with))\s+(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?""" + _NAME + r"""\s+(?:at|on|via)\s+(?:\+?\(?\d|[\w.-]+@)
    | \b(?:[Tt]ell\s+(?:him|her|them)\s+(?:that\s+)?(?:you're|you\s+are)\s+(?:my|a\s+friend|the\s+(?:\w+\s+){0,2}friend|from)|[Ss]ay\s+(?:that\s+)?(?:you're|you\s+are)\s+(?:my|a\s+friend|the\s+(?:\w+\s+){0,2}friend))\b | \b[Tt]ell\s+(?:\w+\s+){0,3}to\s+mention\s+(?:me|my\s+name)\b | \b(?:[Mm]ention|[Dd]rop)\s+my\s+name\b
    | \b(?:I've|I\s+have|I'm|I\s+am|[Ww]e've|[Ww]e\s+have)\s+(?:just\s+|also\s+)?(?:copied|cc'?d|cc'?ed|cc'?ing|copying|looped|looping)\s+(?:him|her|them)\s+(?:in|here|on\s+this)\b
    | \b(?:I|[Ww]e)(?:'ve|\s+have|\s+also|\s+just)*\s+asked\s+(?:that\s+)?(?:(?:him|her|them|he|she|they)(?:\s*\[[^\]]{1,40}\])?|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?:\s+and\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?)\s+(?:to\s+)?(?:give\s+you\s+a\s+(?:call|ring)|call\s+you|contact\s+you|get\s+in\s+touch\s+with\s+you|e-?mail\s+you|reach\s+out\s+to\s+you|be\s+in\s+touch\s+with\s+you|set\s+up\s+a\s+time\s+to\s+meet\s+with\s+you|meet\s+with\s+you)\b
    | \b(?:can|could|should|may)\s+be\s+(?:discussed|addressed|raised|taken\s+up)\s+with\s+[A-Z][a-z]+\s+[A-Z][a-z]+
    | \b(?:[Tt]his|[Hh]ere)\s+is\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?'s\s+(?:resume|cv|c\.v\.)\b | \b(?:forward|send|attach)(?:ed|ing)?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?'s\s+(?:resume|cv)\s+to\s+you\b
    | ^(?!(?:The|This|That|These|Those|Our|Your|My|His|Her|Their|Its|Any|Some|Each|Every|Both|All)\b)(?:[A-Z][a-z]+\s*(?:/|and|or)\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|[A-Z][a-z]+\s+[A-Z][a-z]+)\s+(?:may|might|should|will|would)\s+be\s+able\s+to\s+(?:assist|help)(?:\s+you)?\s*[.!]?$
    | \b(?:sent|pointed|directed|steered)\s+(?:him|her|them)\s+your\s+way\b | \b(?:[Hh]e|[Ss]he|[Tt]hey)\s+(?:now\s+)?(?:has|have)\s+your\s+(?:e-?mail\s+)?(?:address|e-?mail|number|details|contact\s+details)\b
    | \b(?:I|[Ww]e)(?:'ve|\s+have)?\s+(?:also\s+|just\s+|already\s+)?(?:passed|given|sent|handed)\s+(?:on|along|over)\s+your\s+(?:e-?mail(?:\s+address)?|address|number|details|contact\s+details|card)\b | \b(?:given|gave|passed|sent)\s+(?:him|her|them)\s+yours\b
    | \btold\s+(?:him|her|them)\s+to\s+(?:write\s+to\s+you|write|call\s+you|ring\s+you|e-?mail\s+you|get\s+in\s+touch|contact\s+you|reach\s+out|expect\s+(?:to\s+hear\s+from\s+you|your\s+(?:call|e-?mail|message|note)))\b
    | \bconsider\s+this\s+(?:the|an|your|a|my|our)\s+(?:formal\s+|official\s+|long-overdue\s+|overdue\s+)?(?:meeting|introduction|intro)\b | \b[Yy]ou\s+(?:two|both)\s+(?:will\s+)?(?:have|'ll\s+have)\s+(?:a\s+lot|lots|much|plenty|so\s+much)\s+to\s+(?:talk\s+about|discuss)\b
    | \b(?:[Cc]ontact|[Cc]all|[Tt]alk\s+to|[Ss]peak\s+(?:to|with)|[Rr]each\s+out\s+to|[Gg]et\s+in\s+touch\s+with)\s+(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+[A-Z][a-z]+)?,?\s+(?:who|she|he)\s+(?:is\s+(?:the|our|my|a|an)\s+(?:\w+\s+){0,3}?(?:lawyer|attorney|counsel|expert|contact|person|manager|head|lead|specialist|engineer|analyst|director|coordinator|co-ordinator|representative|rep)|handles|coordinates|co-ordinates|runs|manages|leads|heads|knows\s+(?:all|everything|more|the))\b
    | \b[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+[A-Z][a-z]+)?(?:\s+(?:at|from|of|with)\s+[A-Z][\w&-]*)?\s+is\s+(?:the|your|our)\s+(?:best\s+|main\s+|right\s+|primary\s+)?(?:contact|person\s+to\s+(?:talk|speak)\s+(?:to|with)|go-to\s+(?:person|guy))\s+(?:for|on|regarding|about|at|if|when)\b | \b[Ss]ee\s+(?:his|her|their)\s+contact\s+(?:info\w*|details)\b
    | \bI(?:'ve|\s+have)?\s+(?:also\s+|just\s+)?(?:recommended|suggested|put\s+forward)\s+you\s+to\s+(?:(?:my|our|his|her|a|an)\s+(?:[\w-]+\s+){0,2}?(?:friend|colleague|brother|sister|cousin|boss|neighbou?r|partner|client|customer|contact|[\w]+-in-law|uncle|aunt|niece|nephew|manager|editor|farmer|student|guy|man|woman|person|lead|candidate|couple|family|son|daughter|mentee|classmate|roommate)s?\b|[A-ZÀ-Þ][a-zß-ÿ]+\b)
    | \b(?:[Hh]ere\s+(?:is|are)|[Hh]ere's|[Bb]elow\s+(?:is|are))\s+(?:the\s+)?(?:contact(?:\s+details|\s+info\w*)?|number|e-?mail(?:\s+address)?)\s+(?:of|for)\s+(?:(?:my|our|his|her)\s+(?:[\w-]+\s+){0,2}?(?:friend|colleague|brother|sister|cousin|boss|neighbou?r|partner|client|contact|[\w]+-in-law|uncle|aunt|niece|nephew|manager|editor|farmer|student|guy|man|woman|person|lawyer|accountant|doctor|dentist|plumber|electrician|builder|notary|tutor|teacher|mentor|agent|broker|vet|therapist)s?\b|(?:Dr|Mr|Ms|Mrs)\.?\s|[A-ZÀ-Þ][a-zß-ÿ]+\s+[A-ZÀ-Þ][a-zß-ÿ]+)
    | \b[Tt]old\s+[A-ZÀ-Þ][a-zß-ÿ]+\s+(?:that\s+)?(?:you're|you\s+are)\s+(?:the|a|an|my|our)\s+(?:\w+\s+){0,2}?(?:person|one|man|woman|guy|expert|specialist|contact)\b | (?:^|[,;:.!\u2013-]\s*|\band\s+|\b[Pp]lease\s+|\b[Jj]ust\s+)(?:[Dd]rop|[Ss]hoot)\s+(?:her|him|them)\s+a\s+(?:line|note|message|e-?mail)\b | \btold\s+(?:him|her|them)\s+to\s+expect\s+(?:you|your)\b
    | (?:^|[.!;:]\s+)(?:[Gg]ave|[Pp]assed|[Ss]ent|[Ff]orwarded)\s+(?:on\s+|along\s+)?your\s+(?:name|number|phone\s+number|e-?mail(?:\s+address)?|contact\s+(?:info\w*|details)|details|card)\s+(?:on\s+|along\s+)?to\s+[A-Z] | \b(?:[Ss]ent|[Pp]ointed|[Dd]irected|[Ss]teered)\s+(?:a|an|my|our)\s+(?:[\w-]+\s+){0,2}?(?:friend|colleague|brother|sister|cousin|boss|neighbou?r|partner|client|customer|contact|[\w]+-in-law|uncle|aunt|niece|nephew|manager|editor|farmer|student|guy|man|woman|person|lead|candidate|couple|family|son|daughter|mentee|classmate|roommate)s?\s+your\s+way\b
    | \b(?:[Ss]ay|[Tt]ell\s+(?:him|her|them))\s+(?:that\s+)?(?:you're|you\s+are)\s+[A-Z][\w-]*'s\s+(?:\w+\s+)?(?:friend|neighbou?r|colleague|cousin|brother|sister)\b""",
    re.VERBOSE,
)


# Not an introduction made now: an offer to make one later ("I'd be happy to
# introduce you", "I can put you in touch"), a double opt-in question, or a
# self-introduction.
_NOT_INTRO = _rx(
    r"""\b(?:would|'d|will|'ll)\s+be\s+(?:happy|glad|pleased|delighted|more\s+than\s+happy)\s+to\b
    | \b(?:can|could|might)\s+(?:also\s+|certainly\s+)?(?:introduce|put\s+you|connect\s+you|get\s+you\s+in\s+touch)\b
    | \bif\s+you(?:'d|\s+would)?\s+(?:like|want|wish|are\s+interested)\b | \b(?:would|do)\s+you\s+(?:like|want)\b
    | \b(?:myself|ourselves)\b | \b(?:swing|stop|come|drop)\s+by\b
    | \b(?:e-?mail|send|fax|forward)(?:ing)?\s+you\s+(?:a|an|the|your|his|her|some|copies|copy|images|information|info|details|them|it)\b
    | \bif\s+(?:that|it|this)(?:'d|\s+would|'s|\s+is)?\s+(?:help|be\s+(?:helpful|useful)|helpful|useful)\b | \bif\s+(?:helpful|useful)\b
    | \bjust\s+say\s+the\s+word\b | \blet\s+me\s+know\s+if\b | \?\s*$
    | \b(?:once|when|after)\s+you(?:'re|\s+are|\s+get|'ve|\s+have)\b[^.]{0,40}\b(?:I'll|I\s+will)\s+introduce\b"""
)


# Not a word: what ``_intro`` adds to a sentence's words when it holds ", ", so that
# the pattern for "Kofi, Bea is an old friend" runs only then.
_VOCATIVE = "<name, name>"
_VOCATIVE_WORDS = frozenset({_VOCATIVE})


def _by_word(pattern: re.Pattern[str], hints: tuple[tuple[str, ...], ...]):
    """Split a pattern of top-level alternatives (one per "\\n    | " line) into
    one pattern per alternative, indexed by the words without which it cannot
    match, so that a sentence runs only the alternatives its words allow. The
    whole pattern stays the reference: tests check both give the same answers."""
    alternatives = pattern.pattern.split("\n    | ")
    assert len(alternatives) == len(hints), (len(alternatives), len(hints))
    compiled = [re.compile(a, pattern.flags) for a in alternatives]
    index: dict[str, list[re.Pattern[str]]] = {}
    for alternative, words in zip(compiled, hints):
        for word in words:
            index.setdefault(word, []).append(alternative)
    return frozenset(index), index


def _search_by_word(
    by_word: tuple[frozenset[str], dict[str, list[re.Pattern[str]]]], sentence: str, words: frozenset[str]
) -> bool:
    keys, index = by_word
    tried: set[int] = set()
    for word in words & keys:  # a set operation in C, not a loop over every word
        for alternative in index[word]:
            if id(alternative) not in tried:
                tried.add(id(alternative))
                if alternative.search(sentence):
                    return True
    return False


_NOT_ASK_BY_WORD = _by_word(_NOT_ASK, (
    ("if",), ("if", "should"), ("questions",), ("free", "hesitate"), ("questions", "comments", "concerns"), ("know",),
    ("know",), ("if", "should", "when"), ("event", "if"), ("please",), ("information", "info", "details"),
    ("if", "should", "when"), ("if",), ("if",), ("if", "know"), ("know",), ("for", "to"), ("if",), ("know", "believe"),
    ("click", "unsubscribe", "http", "https"), ("happy", "glad", "pleased", "delighted"), ("if", "should", "when", "whenever"),
    ("if", "should"), ("how", "ways", "way"), ("need", "want", "like"), ("error",), ("meet",), ("if",), ("if",),
    ("sometime", "some", "one", "ever"),
    ("not", "otherwise"), ("rsvp", "r", "if"), ("respond", "reply", "know", "advise", "speak", "call"),
    ("know",), ("anyone", "anybody", "someone", "somebody"), ("know", "advise"), ("error",),
    ("urgent", "pressing", "emergency", "unclear", "missing", "wrong", "off"),
    ("por", "bitte", "pas", "non", "niet", "nie", "nu"), ("dringenden", "hastesager", "akutte", "caso", "cas", "dringende", "pilnych", "caz"), ("falls", "wenn", "si"),
    ("please",),
))
_INTRO_BY_WORD = _by_word(_INTRO, (
    ("introduce", "introducing"), ("introduce",), ("introduction", "intro"), ("meet",), ("touch", "contact"),
    ("connect", "connecting", "hook", "hooking"), ("connect", "connecting", "introducing"), ("two",),
    ("talk", "speak", "touch", "connect", "reach", "meet", "give", "call", "contact"),
    ("name", "number", "email", "mail", "contact", "resume", "cv"),
    ("contact", "call", "touch", "reach", "email", "mail", "ring"),
    ("contact", "contacting", "call", "calling", "touch", "reach", "reaching", "email", "mail", "emailing", "mailing"),
    ("cc'd", "cc'ing", "cc'ed", "ccd", "ccing", "cced", "copied", "copying", "included", "including", "adding", "added",
     "looped", "looping"),
    ("suggest", "suggested", "recommend", "recommended", "advise", "advised", "ask"),
    ("him", "her"), ("forwarded", "forward", "passed", "pass", "sent", "send", "gave", "given", "give", "provided"), ("touch", "reach", "contact", "call"),
    ("person", "contact", "resource"),
    ("have",), ("designee", "assistant", "colleague", "team", "staff"), ("resume", "cv", "sum"),
    ("resource", "contact", "help"), ("add", "copy", "cc", "include", "loop"), ("appointment", "set", "schedule"),
    ("fit", "candidate", "match", "addition"),
    ("introduce",),
    ("gave", "given", "passed", "sent", "forwarded"), ("meet",), ("you",), ("email", "e", "mail", "call", "text", "ring", "reach", "contact", "touch"),
    ("told",), ("asked",), ("looping", "here's"), ("tell",), ("put", "putting", "recommend"), ("connecting",), ("meet",), ("introduce",), ("cc'd", "ccd", "cc'ed", "cced", "copied", "cc", "looped", "this"),
    ("let", "leave", "over"),
    (_VOCATIVE,), ("passing", "sending", "referring"),
    ("knows", "know", "told", "expecting"), ("call", "try", "text"), ("tell",),
    ("resume", "cv", "sum"),
    ("adding", "added", "looping", "looped", "copying", "copied", "cc'ing", "ccing", "cc'd", "ccd", "cc'ed", "cced",
     "including", "bringing", "bcc'd", "bccd", "bcc", "cc"), ("this", "meet"), ("introducing",),
    ("contacting", "calling", "emailing", "mailing", "touch", "reaching", "contact", "call", "email", "mail"),
    ("number", "phone", "line", "extension", "cell", "email", "mail"),
    ("suggest", "recommend", "might", "may", "could", "should"),
    ("person", "contact", "guy", "one", "people"),
    ("reach", "contact", "find", "email", "mail", "call", "text"),
    ("forwarding", "attaching", "enclosing", "sending", "here's", "here"),
    ("copied", "cc'd", "ccd", "cc'ed", "cced", "looped", "added", "included"),
    ("mentioned", "recommended"), ("each",),
    ("friend", "colleague", "classmate", "cousin", "brother", "sister", "neighbor", "neighbour", "mentee", "student",
     "teammate", "report", "roommate", "buddy"),
    ("free",), ("introduce", "introducing"),
    ("meet",), ("cc", "cc'd", "ccd", "cc'ed", "cced", "copied", "bcc", "bccd", "bcc'd", "cc'ing", "ccing"),
    ("talked", "spoken", "met", "connected", "chance"),
    ("number", "mobile", "cell", "phone", "whatsapp", "email", "e", "contact", "details"),
    ("whatsapp", "signal", "mobile", "cell"), ("told",),
    ("contact", "number", "details", "email", "e", "info"),
    ("copy", "cc'd", "ccd", "cc'ed", "cced", "copied"),
    ("stepping", "step", "bowing", "bow", "dropping", "drop", "ducking", "duck"), ("each",),
    ("copy", "cc", "include", "add", "loop"),
    ("copying", "copied", "cc'ing", "ccing", "cc'd", "ccd", "adding", "added", "including", "included", "looping", "looped"),
    ("talk", "speak"), ("expecting",), ("this",),
    ("student", "colleague", "friend", "boss", "manager", "mentor", "teacher", "professor", "roommate", "flatmate",
     "classmate", "teammate", "intern", "neighbor", "neighbour", "client", "partner"), ("leave",),
    ("recommend",),
    ("contact",), ("expecting",),
    ("copied", "copying", "cc'd", "ccd", "cc'ed", "cced", "cc'ing", "ccing", "looped", "looping"),
    ("told",), ("number", "phone", "cell", "mobile"), ("written", "spoken", "talked", "emailed", "mailed", "mentioned"),
    ("passed",), ("each", "two"),
    ("excellent", "great", "brilliant", "fantastic", "superb", "wonderful", "good", "best"),
    ("whom", "who", "person", "one", "man", "woman", "guy"),
    ("directly", "resume", "cv", "portfolio"),
    ("contact", "call", "reach", "email", "mail", "talk", "speak"),
    ("tell", "say", "mention", "drop"), ("copied", "cc'd", "ccd", "cc'ed", "cced", "cc'ing", "ccing", "copying", "looped", "looping"),
    ("asked",), ("discussed", "addressed", "raised", "taken"), ("resume", "cv"), ("able",),
    ("way", "has", "have"), ("passed", "given", "sent", "handed", "gave"), ("told",), ("consider", "two", "both"),
    ("contact", "call", "talk", "speak", "reach", "touch"), ("contact", "person", "go"),
    ("recommended", "suggested", "put"), ("here", "here's", "below"), ("told", "drop", "shoot"),
    ("gave", "passed", "sent", "forwarded", "pointed", "directed", "steered"), ("say", "tell"),
))


def _intro(sentence: str, words: frozenset[str] | None = None) -> bool:
    if words is None:
        words = _words(sentence)
    if ", " in sentence or ": " in sentence or " - " in sentence or " \u2013 " in sentence:  # "Kofi, Bea is an old friend": the other half of a double introduction may be here
        words = words | _VOCATIVE_WORDS
    return _search_by_word(_INTRO_BY_WORD, sentence, words) and not _NOT_INTRO.search(sentence)


# ---------------------------------------------------------------- outcome

# Conservative: only how the recipient's help turned out, or a career result
# (an offer, a job), never business news in general ("we received the contract").
_OUTCOME_NOUN = r"(?:job|offer|position|internship|role|admission|grant|scholarship|fellowship|place|gig)"
_OUTCOME = _rx(
    r"""\b(?:thanks\s+to\s+(?:you\b|your\s+\w+)|because\s+of\s+(?:you\b|your\s+\w+))(?![^,.;!?]*\bfor\b)
    | \b(?:it|that|this|you|your\s+(?:\w+\s+){0,2}?\w+)\s+(?:really\s+|truly\s+)?(?:helped|made\s+(?:a\s+|all\s+the\s+)?(?:big\s+|huge\s+|real\s+)?difference)(?:\s+me|\s+us|\s+a\s+lot|\s*[.!])
    | \byour\s+(?:[\w-]+\s+){0,2}?(?:advice|suggestion|recommendation|tip|introduction|intro|referral|help|idea|input|pointer|feedback|coaching|reference|letter|script|note|call|plan|method|trick)\b[^.!?;]{0,60}?\b(?:worked|paid\s+off|did\s+the\s+trick|held\s+up|helped\s+(?:the|me|us|them|him|her)|made\s+it\s+happen|(?:sealed|tipped)\s+it|made\s+(?:a|all\s+the)\s+difference|(?:was|were)\s+(?:a\s+)?(?:huge|great|big|right|spot\s+on|invaluable|key|a\s+huge\s+help))\b
    | \b(?:i|we)\s+(?:just\s+|finally\s+|officially\s+)?(?:got|landed|accepted|received|won|signed|have\s+been\s+offered|was\s+offered|were\s+offered|ended\s+up\s+(?:getting|taking|accepting))\s+(?:the|an|my|our|a)\s+(?:[\w-]+\s+){0,3}?""" + _OUTCOME_NOUN + r"""\b
    | \b(?:i|we)\s+(?:didn't|did\s+not|won't|will\s+not)\s+get\s+(?:the|an|a)\s+(?:[\w-]+\s+){0,3}?""" + _OUTCOME_NOUN + r"""\b
    | \b(?:made|extended|gave)\s+me\s+an?\s+(?:[\w-]+\s+)?offer\b | \b(?:made|extended)\s+an?\s+offer\s*!
    | ^(?!.*\b(?:glad|good\s+to\s+hear|hope|hopefully|sorry|if|wish|luck)\b)(?=.*\b(?:you|your|thanks)\b).*\b(?:it|that|this|everything|things|the\s+(?:[\w-]+\s+)?(?:meeting|interview|call|chat|coffee|lunch|conversation|onsite|pitch|presentation|trip))\s+(?:all\s+)?(?:worked\s+out|turned\s+out|went\s+(?:very\s+|really\s+|extremely\s+)?(?:well|great|fine|smoothly|perfectly)|worked\s+(?:like\s+a\s+charm|perfectly|great|fine))
    | \b(?:that|it)\s+(?:worked|did\s+the\s+trick|fixed\s+it|solved\s+(?:it|the\s+problem))\s*[.!]
    | \b(?:i|we)\s+(?:met|spoke|talked|had\s+(?:lunch|coffee|dinner|a\s+(?:call|meeting|chat)))\s+(?:with\s+)?.{0,40}\b(?:you\s+(?:introduced|recommended|suggested|referred|mentioned)|whom\s+you|you\s+put\s+me\s+in\s+touch)
    | \b(?:just\s+)?(?:wanted\s+to\s+|want\s+to\s+)?(?:let\s+you\s+know|update\s+you|report\s+back|tell\s+you)\s+(?:on\s+)?(?:how|that)\s+.{0,60}\b(?:went\s+(?:well|great|fine|badly)|turned\s+out|worked\s+out|got\s+the|decided|accepted\s+(?:the|an|a|their)|(?:offered|hired)\s+me|asked\s+me\s+(?:back|to\s+come\s+back)|invited\s+me\s+back|heard\s+(?:back\s+)?from\b.{0,60}\byou\s+(?:recommended|suggested|introduced|referred))
    | \b(?:took|followed|listened\s+to)\s+your\s+(?:advice|suggestion|recommendation|tip|lead|hint)\b
    | \b(?:following|after|with|thanks\s+to|based\s+on)\s+your\s+(?:[\w-]+\s+){0,2}?(?:report|advice|note|routine|suggestion|analysis|design|plan|drawings?|letter|script|tip|help|recommendation|notes|review|edits|changes|fix|patch|code|numbers|model)\b[^.!?]{0,80}?\b(?:approved|passed|won|worked|converged|settled|signed|funded|fixed|solved|held|accepted|cleared|granted|carried\s+the\s+day|convinced|did\s+the\s+trick)\b
    | \byou\s+(?:gave|arranged|wrote|designed|sent|recommended|suggested|put|drew|built|found|lent|did|made|prepared|drafted|pointed\s+(?:me|us)\s+to)\b[^.!?]{0,60}?\b(?:(?:was|were)\s+what|(?:approved|passed|won|worked|converged|settled|signed|funded|fixed|solved|held|accepted|cleared|granted|carried\s+the\s+day|convinced|did\s+the\s+trick))\b"""
)


_OUTCOME_NOUNS = ("job", "offer", "position", "internship", "role", "admission", "grant", "scholarship", "fellowship",
                  "place", "gig")
_OUTCOME_BY_WORD = _by_word(_OUTCOME, (
    ("thanks", "because"), ("helped", "difference"), ("your",), _OUTCOME_NOUNS, _OUTCOME_NOUNS, ("offer",),
    ("worked", "turned", "went"), ("worked", "trick", "fixed", "solved"),
    ("introduced", "recommended", "suggested", "referred", "mentioned", "whom", "touch"),
    ("know", "update", "report", "tell"),
    ("took", "followed", "listened"), ("following", "after", "with", "thanks", "based"),
    ("gave", "arranged", "wrote", "designed", "sent", "recommended", "suggested", "put", "drew", "built", "found", "lent", "did",
     "made", "prepared", "drafted", "pointed"),
))


# How things went, without saying who helped ("The call with Dana went really
# well", "she's agreed to advise us"): an outcome only in a message that also
# points at the recipient's help ("thanks for the intro", "your advice").
_WEAK_OUTCOME = _rx(
    r"""\b(?:call|meeting|chat|coffee|lunch|dinner|interview|conversation|onsite|pitch|demo|session)\b[^.!?]{0,40}?\b(?:went|was|has\s+been)\s+(?:really\s+|very\s+|super\s+|extremely\s+|so\s+)?(?:well|great|fantastic|amazing|brilliant|perfectly|smoothly|productive|helpful|useful)\b
    | \b(?:she|he|they)(?:'s|\s+has|'ve|\s+have)\s+(?:agreed|offered)\s+to\b
    | \b(?:hired|offered|accepted)\s+me\b | \bsigned\s+(?:me|us)\s+(?:up|on)\b
    | \b(?:we|I)(?:'ve|\s+have|\s+just|\s+finally|\s+officially)*\s+(?:signed|closed|launched|finali[sz]ed|inked)\s+(?:the|a|an|our)\s+(?:[\w-]+\s+){0,2}?(?:deal|agreement|contract|partnership|round|lease|term\s+sheet)\b
    | \b(?:i|we)\s+(?:was|were|have\s+been|'ve\s+been|got|just\s+got)\s+(?:accepted|admitted|hired|promoted|selected|shortlisted|approved)\b
    | \byou\s+(?:introduced|recommended|suggested|referred)\s+(?:me\s+to\s+|us\s+to\s+)?[^.!?]{0,40}?\b(?:is|are|has|have|was|were)\s+(?:now\s+)?(?:leading|joining|investing|hiring|advising|taking|helping|agreed|offered|signed|going\s+to)\b
    | \byou\s+(?:recommended|suggested|introduced|referred|mentioned)\b[^.!?]{0,80}\b(?:sorted|fixed|solved|worked|helped|got|was\s+(?:great|excellent|fantastic|amazing|perfect|spot\s+on))
    | ^(?:some\s+)?(?:good|great|exciting|happy|big)\s+news\s*[:!–-] | \bclos(?:e|ing)\s+the\s+loop\b | ^(?:a\s+)?(?:quick|little|brief)\s+update\b
    | \bquick\s+note\s+to\s+say\b | \b(?:finally\s+)?came\s+through\b | \bmade\s+it\s+happen\b
    | \b(?:sealed|clinched|tipped)\s+(?:it|things|the\s+\w+)\b | \bdropped\s+(?:by\s+)?\d+\s*%
    | \b(?:I|we|he|she|they)\s+(?:just\s+|finally\s+|officially\s+)?(?:accepted|funded|approved|adopted|closed|hired|landed|finished|fixed|resolved|moved\s+in|went\s+with)\b
    | \b(?:funded|approved|accepted|hired|adopted|resolved|fixed)\b[^.!?]{0,30}\b(?:in\s+full|today|yesterday|this\s+(?:morning|week|afternoon)|last\s+\w+)\b
    | \b(?:it's|it\s+is|it\s+was|that's|that\s+is)\s+(?:now\s+)?(?:fixed|resolved|solved|sorted|live|merged|shipped)\b
    | \b(?:returned|refunded|waived|dropped|settled)\s+(?:the|my|our|all)\b
    | \bI'?m\s+in\s*! | \bI\s+(?:got|made)\s+it\s*! | \b(?:they|she|he)\s+said\s+yes\b
    | \b(?:the|your|that|this)\s+(?:[\w-]+\s+){0,2}?you(?:'ve)?\s+(?:recommended|suggested|introduced|referred|mentioned)(?:\s+(?:to\s+)?(?:me|us))?\s+(?:[a-z]+ly\s+)?[a-z]+ed\b
    | \b(?:heard\s+back|results?\s+(?:came\s+out|(?:were|are)\s+(?:posted|in|out)|posted)|had\s+to\s+tell\s+you|short\s+version|update\s+you\s+deserve|went\s+to\s+someone\s+else|(?:deal|offer)\s+died|came\s+back\s+with)\b
    | \b(?:up|down)\s+from\s+(?:about\s+)?\d | \b(?:went|grew|jumped|increased|rose|dropped|fell|doubled|climbed)\s+from\s+(?:about\s+)?\d
    | (?-i:\b(?:PASSED|BOOKED|SIGNED|ACCEPTED|HIRED|APPROVED|FUNDED|ADOPTED)\b)
    | \b(?:has|have|had|'s)\s+agreed\s+to\s+(?:join\s+(?:us|our|my|the\s+board)|advise|invest|mentor|hire|be\s+(?:our|an?|my))\b
    | \b(?:offer|email|call|letter|news|approval|visa|permit|loan)\s+came\s+(?:through|in)\b | \bsigned\s+it\b
    | \b(?:your|the)\s+(?:hunch|guess|theory|idea|instinct|read)\s+was\s+(?:right|correct|spot\s+on)\b
    | \b(?:paid\s+off|ended\s+up\s+working|worked\s+out)\b"""
)
# Bad news is an outcome too ("they went with another candidate", "the deal fell
# through"), in a message that points at the recipient's help.
_BAD_NEWS = _rx(
    r"""\b(?:i|we)\s+(?:didn't|did\s+not|won't|will\s+not)\s+(?:get|make|land|win)\s+(?:in\b|(?:it|the|a|an|our|my)\s+(?:[\w-]+\s+){0,2}?(?:job|offer|role|position|grant|place|spot|apartment|house|lease|loan|funding|deal|contract|admission|scholarship|visa|seat|promotion|award|cut)\b)
    | \b(?:they|she|he)\s+(?:went|decided\s+to\s+go|chose\s+to\s+go)\s+with\s+(?:another|someone\s+else|a\s+different|an\s+internal)\b
    | \b(?:they|she|he)\s+passed\s+on\s+(?:me|us|it|the)\b
    | \b(?:I|we|(?:my|our)\s+(?:[\w-]+\s+)?(?:application|proposal|grant|request|offer|bid|submission|appeal|paper))\s+(?:was|were|got|have\s+been|'ve\s+been|has\s+been)\s+(?:rejected|turned\s+down|declined|waitlisted|denied)\b
    | \b(?:fell|has\s+fallen|had\s+fallen)\s+(?:through|apart)\b | \b(?:didn't|did\s+not)\s+(?:work\s+out|pan\s+out|come\s+through|go\s+(?:our|my)\s+way)\b"""
)
_BAD_NEWS_WORDS = ("didn't", "did not", "won't", "went with", "go with", "passed on", "rejected", "turned down", "declined",
                   "waitlisted", "denied", "fell through", "fallen", "fell apart")
_WEAK_OUTCOME_BY_WORD = _by_word(_WEAK_OUTCOME, (
    ("call", "meeting", "chat", "coffee", "lunch", "dinner", "interview", "conversation", "onsite", "pitch", "demo",
     "session"),
    ("agreed", "offered"), ("hired", "offered", "accepted", "signed"),
    ("signed", "closed", "launched", "finalized", "finalised", "inked"),
    ("accepted", "admitted", "hired", "promoted", "selected", "shortlisted", "approved"),
    ("introduced", "recommended", "suggested", "referred"), ("recommended", "suggested", "introduced", "referred", "mentioned"),
    ("news", "loop", "update"), ("know", "say", "came", "happen"), ("sealed", "clinched", "tipped", "dropped"),
    ("accepted", "funded", "approved", "adopted", "closed", "hired", "landed", "finished", "fixed", "resolved", "merged",
     "shipped", "moved", "went"),
    ("funded", "approved", "accepted", "hired", "adopted", "resolved", "fixed"),
    ("fixed", "resolved", "solved", "sorted", "live", "merged", "shipped"),
    ("returned", "refunded", "waived", "dropped", "settled"),
    ("i'm", "im", "got", "made", "yes"), ("recommended", "suggested", "introduced", "referred", "mentioned"),
    ("heard", "results", "result", "tell", "version", "deserve", "else", "died", "came"), ("from",),
    ("passed", "booked", "signed", "accepted", "hired", "approved", "funded", "adopted"), ("agreed",),
    ("came", "signed"), ("hunch", "guess", "theory", "idea", "instinct", "read"), ("paid", "ended", "worked"),
))
# News of how something went, in any words ("Hector finished the back deck on
# Friday", "Signed this afternoon", "Mateo got a 4 on Calc"): an outcome only in
# a message that names the particular help the recipient gave (see
# ``_SPECIFIC_HELP``), since business mail is full of such news.
_NEWS = _rx(
    r"""(?-i:\b(?:I|[Ww]e|[Hh]e|[Ss]he|[Tt]hey|[A-Z][a-z]+|(?:[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir|[Tt]he)\s+[a-z]+))\s+(?:just\s+|finally\s+|already\s+|officially\s+|even\s+|actually\s+|also\s+|then\s+|both\s+)?(?:got|landed|won(?![`'’]t)|signed|accepted|hired|started|finished|fixed|passed(?!\s+(?:\w+\s+){0,3}?(?:to|along|on)\b)|closed|settled|booked|sold|raised|joined|approved|funded|healed|recovered|delivered|launched|loved|adored|picked|chose|refunded|waived|replaced|repaired|came\s+(?:back|up|in\s+under|through|out)|went\s+(?:to\s+someone|with|really\s+well|well|great|ahead)|turned\s+(?:it\s+|us\s+|me\s+)?down|said\s+(?:yes|no)|moved\s+(?:in|into|me|us)|made\s+all\s+the\s+difference)\b
    | ^(?:signed|accepted|booked|closed|hired|funded|approved|passed|fixed|sorted|landed|got\s+(?:it|the|in|into))\b
    | \band\s+(?:then\s+|even\s+|also\s+)?(?:fixed|finished|signed|got|landed|won|accepted|sorted|repaired|replaced|solved|refunded)\s+(?:the|it|my|our|his|her|a|an|everything|us|me)\b"""
)
_NEWS_BY_WORD = _by_word(_NEWS, (
    ("got", "landed", "won", "signed", "accepted", "hired", "started", "finished", "fixed", "passed", "closed", "settled",
     "booked", "sold", "raised", "joined", "approved", "funded", "healed", "recovered", "delivered", "launched", "loved",
     "adored", "picked", "chose", "refunded", "waived", "replaced", "repaired", "came", "went", "turned", "said", "moved",
     "made"),
    ("signed", "accepted", "booked", "closed", "hired", "funded", "approved", "passed", "fixed", "sorted", "landed", "got"),
    ("fixed", "finished", "signed", "got", "landed", "won", "accepted", "sorted", "repaired", "replaced", "solved",
     "refunded"),
))
# The particular help the recipient gave: an introduction, a recommendation, a
# reference, advice taken ("your intro", "the plumber you recommended", "did
# exactly what you said", "thank you for Marta"); not "your help" or "your email".
_SPECIFIC_HELP = _rx(
    r"""(?<!for\s)(?<!for\sfuture\s)\b(?:your|ur)\s+(?:\w+\s+)?(?:intro(?:duction)?|referral|advice|recommendation|suggestion|tips?|reference|(?:reference|recommendation|support)\s+letter|script|template|push|vouch|coaching|pointers?)\b(?!\s+(?:number|no\b|code|id\b|material|purposes|only))
    | \byou\s+(?:(?:had|have|'d|'ve|just|once|originally|kindly|so|very|generously|first|\w+ly)\s+){0,2}(?:introduced|recommended|suggested|referred|connected|told\s+me\s+(?:about|to)|vouched|put\s+(?:me|us)\s+(?:in\s+touch|forward|onto|in\s+front)|set\s+(?:me|us)\s+up|pointed\s+(?:me|us)|rebuilt|rewrote|polished|proofread|tutored|lent|drafted|sketched|walked\s+me\s+through|taught\s+me|sent\s+me\s+to|got\s+me\s+(?:in\s+front|in\s+touch|an?\s+(?:intro|interview|meeting)))\b
    | \b(?:what|exactly\s+what|the\s+way)\s+you\s+(?:said|suggested|told\s+me|recommended|advised|showed\s+me)\b
    | \b(?:your|ur)\s+(?:\w+\s+(?:guy|lady|gal)|(?:\w+\s+)?(?:recruiter|plumber|electrician|mechanic|dentist|doctor|physio|therapist|tutor|accountant|lawyer|realtor|contractor|hairdresser|vet))\b(?!\s+(?:and|who\s+(?:is|are|was)\s+(?:coming|visiting)))
    | \b(?:the|that|this)\s+(?:reference|recommendation)\s+letter\b
    | \bthe\s+(?:[\w-]+\s+){0,2}?you\s+(?:lent|loaned|found)\s+(?:me|us)\b
    | \bthe\s+(?:[\w-]+\s+){0,2}?(?:guy|installer|plumber|electrician|engineer|lawyer|doctor|carpenter|contractor|builder|mechanic|tutor|person|woman|man|lady|agent|recruiter)\s+you\s+(?:brought|found|sent|recommended|suggested|introduced|mentioned)\b
    | \bif\s+you\s+hadn't\s+(?:sent|made|written|called|introduced|put|pushed|told|given|vouched|mentioned|forwarded)\b | \bwithout\s+your\s+(?:e-?mail|call|note|intro(?:duction)?|letter|push|word|help)\s+to\s+[A-Z]
    | \b(?:thanks?|thank\s+you|grateful|appreciate)\b[^.!?]{0,40}\b(?:intro(?:duction|ducing)?|referral|referring|recommendation|recommending|connecting|putting\s+(?:me|us)\s+(?:in\s+touch|together)|putting\s+(?:me|us|my\s+name)\s+forward|putting\s+in\s+a\s+(?:good\s+)?word|advice|reference|vouching|sending\s+(?:her|him|them)|sticking\s+your\s+neck|pushing|(?:the|your|that)\s+(?:reference\s+)?letter|tips?|giving\s+up|tutoring|coaching|lending|loaning)\b
    | \b(?:thanks?|thank\s+you)[ \t]+(?:again[ \t]+|so[ \t]+much[ \t]+)?for[ \t]+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Tonight|Everything|Nothing|All|That|This|It)\b)(?-i:[A-Z][a-z]+)[ \t]*(?:[,.!]|and\b)
    | \bthe\s+one\s+you\s+(?:treated|operated\s+on|fixed|found|recommended|suggested)\b | \bthe\s+(?:[\w-]+\s+){0,2}?[\w-]+\s+you\s+(?:treated|operated\s+on|found\s+for\s+(?:me|us))\b
    | \bthe\s+(?:[\w-]+\s+){0,3}?(?:person|number|contact|schedule|plan|list|template|script|recipe|notes|name|link|checklist|diet|exercises|program|programme|treatment|drops|cream|tablets|pills|physio\w*|therapist|vet|doctor|dentist|cleaner|nanny|babysitter|builder|tutor|coach|lawyer|accountant)\s+you\s+(?:(?:kindly|so\s+\w+ly)\s+)?(?:found|gave|sent|treated|recommended|suggested|prescribed|wrote|drew\s+up|fixed|lent|loaned|brought|checked|operated\s+on)\b
    | \b(?:just\s+|exactly\s+)?(?:like|as)\s+you\s+(?:said|suggested|told\s+(?:me|us)|recommended|advised|guessed|predicted|wrote|warned|showed\s+(?:me|us))\b
    | \b(?:thanks?|thank\s+you)\b[^.!?]{0,40}\bmy\s+(?:cover\s+letter|cv|resume|r[ée]sum[ée]|application)\b"""
)
_SPECIFIC_HELP_BY_WORD = _by_word(_SPECIFIC_HELP, (
    ("intro", "introduction", "referral", "advice", "recommendation", "suggestion", "tip", "tips", "reference",
     "letter", "script", "template", "push", "vouch", "coaching", "pointer", "pointers"),
    ("introduced", "recommended", "suggested", "referred", "connected", "told", "vouched", "put", "set", "pointed",
     "rebuilt", "rewrote", "polished", "proofread", "tutored", "lent", "drafted", "sketched", "walked", "taught", "sent",
     "got"),
    ("said", "suggested", "told", "recommended", "advised", "showed"),
    ("guy", "lady", "gal", "recruiter", "plumber", "electrician", "mechanic", "dentist", "doctor", "physio",
     "therapist", "tutor", "accountant", "lawyer", "realtor", "contractor", "hairdresser", "vet"),
    ("letter",),
    ("lent", "loaned", "found"),
    ("brought", "found", "sent", "recommended", "suggested", "introduced", "mentioned"),
    ("hadn't", "without"),
    ("thanks", "thank", "grateful", "appreciate"),
    ("thanks", "thank"),
    ("treated", "operated", "fixed", "found", "recommended", "suggested"),
    ("found", "gave", "sent", "treated", "recommended", "suggested", "prescribed", "wrote", "drew", "fixed", "lent",
     "loaned", "brought", "checked", "operated"),
    ("said", "suggested", "told", "recommended", "advised", "guessed", "predicted", "wrote", "warned", "showed"),
    ("thanks", "thank"),
))
# A sentence that tells what happened, in any verb ("Ben and I met last Tuesday",
# "I rebuilt the case study", "the photos came out better"), for a message that
# names the particular help the recipient gave (see ``_SPECIFIC_HELP``): there
# it tells how that help turned out. Not an action of the writer's alone
# ("I attached", "I emailed her"), which reports a step, not how it went.
_STORY = _rx(
    r"""(?-i:\b(?:I|[Ww]e|[Hh]e|[Ss]he|[Tt]hey|[A-Z][a-z]+(?:\s+and\s+I)?|(?:[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir|[Tt]he|[Tt]hat|[Tt]his)\s+(?:[a-z-]+\s+)?(?!you\b)[a-z]+))
      (?:\s+(?:of|at|from)\s+[^,.!?]{1,40}?|,[^,.!?]{3,60},|\s+you\s+(?:brought|found|sent|recommended|suggested|introduced|mentioned|rewrote|wrote))?(?:(?<!\bI)(?<!\b[Ww]e)'ve)?\s+(?:just\s+|finally\s+|already\s+|actually\s+|also\s+|then\s+|both\s+|basically\s+|immediately\s+|even\s+)?
      (?!(?:attached|enclosed|forwarded|emailed|e-mailed|mailed|copied|cc'?d|texted|messaged|pinged|wanted|needed|used|based|related|supposed|interested|excited|pleased|tired|worried|concerned|scheduled|asked|wondered|noticed|mentioned|replied|responded|followed|reached|tried|hoped|planned|decided|proceeded|succeeded|exceeded|indeed|checked|returned|dropped|remembered|pictured|imagined|realized|realised|purchased|joined|regretted|appreciated|enjoyed|thanked|borrowed|lent|loaned|received|modified|prepared|updated|revised|reviewed|studied|traveled|travelled|graduated)\b)
      (?-i:[a-z]{3,}ed|met|got(?!\s+(?:your|the\s+\w+\s+you))|went|came|did(?=\s+(?:it|both|that|this|so|everything|well|great|fine|all)\b)|took|gave|found|made|said|won(?!'t)|lost|sold|bought|paid|began|saw|ran|grew|fell|rose|wrote|drove|flew|brought|built|spent|had(?!\s+(?:to|been|a\s+(?:question|quick|chance)|an?\s+idea|plans))|sent\s+(?:me|us|him|her)\s+(?:an?\s+)?(?:offer|contract)|sent\s+(?:(?:me|us)\s+)?(?:the|an?)\s+(?:executed|signed|final|official)\b)\b
    | \b(?:since\s+then|numbers\s+since|(?:so\s+)?far\s+(?:so\s+good|results)|long\s+story\s+short|(?:quick\s+)?close[\s-]the[\s-]loop)\b"""
)
# Help named by what would not have happened without it.
_COUNTERFACTUAL = _rx(r"\bif\s+you\s+hadn't\b|\bwithout\s+your\s+\w+\s+to\s+[A-Z]|\bnone\s+of\s+this\b")
# Hedges that make a clause a wish or a plan, not news; "not" is news too ("did not work out").
_STORY_HEDGE = _rx(r"\b(?:hope|hopefully|if|will|would|should|wish|probably|maybe|might|going\s+to|plan)\b|\b(?-i:may)\b|'ll\b|\?")
_CLAUSE = re.compile(r"[,;:()\u2013\u2014]|\s-\s|\bbut\b|\bwhich\b")


def _story(content: list[str]) -> str | None:
    """The first sentence that tells what happened (``_STORY``): the clause that
    says it unhedged, and not the words that name the help itself."""
    for sentence in content:
        if "|" in sentence or "\t" in sentence:
            continue  # a table's row
        help_named = None
        for match in _STORY.finditer(sentence):
            help_named = help_named or _SPECIFIC_HELP.search(sentence)
            if help_named and help_named.start() <= match.end() - 1 < help_named.end():
                continue  # the verb is the help's own ("thank you for introducing")
            cuts = [m.start() for m in _CLAUSE.finditer(sentence)]
            start = max((c for c in cuts if c <= match.start()), default=0)
            end = min((c for c in cuts if c > match.start()), default=len(sentence))
            if not _STORY_HEDGE.search(sentence, start, end):
                return sentence
    return None


_HOPE = _rx(r"\b(?:hope|hopefully|if|wish|worried|afraid|might|may)\b|\?")
_HEDGE_OUTCOME = _rx(r"\b(?:hope|hopefully|if|will|would|should|wish|not|never|probably)\b|n't\b|'ll\b|\?")
_HELP_REFERENCE = _rx(
    r"""\b(?:your|ur)\s+(?:\w+\s+)?(?:intro(?:duction)?|referral|advice|help|recommendation|suggestion|tips?|reference|feedback|pointers?|input|(?:recommendation|reference|support)\s+letter|letter|script|push|call|words?|vouch)\b
    | \b(?:what|exactly\s+what)\s+you\s+(?:said|suggested|told\s+me|recommended|advised)\b | \byou\s+(?:\w+\s+){0,3}(?:and\s+)?rebuilt\b
    | \b(?:thanks?|thank\s+you)[ \t]+(?:again[ \t]+|so[ \t]+much[ \t]+)?for[ \t]+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Tonight|Everything|Nothing|All|That|This|It)\b)(?-i:[A-Z][a-z]+)[ \t]*(?:[,.!]|and\b)
    | \byou\s+(?:introduced|recommended|suggested|referred|connected|told\s+me\s+about|flagged|reported|spotted|caught|organi[sz]ed|pushed\s+(?:for|me)|pointed\s+me|drafted|lent|tutored|rebuilt|vouched|called\s+(?:your|in|her|him)|put\s+me\s+(?:in\s+touch|forward|onto)|set\s+(?:me|us)\s+up)\b
    | \b(?:without|thanks\s+to|because\s+of)\s+(?:you|your)\b(?!\s+(?:all|guys)\b) | \bthat's\s+on\s+you\b
    | \b(?:your|ur)\s+(?:hunch|email|note|intro|tips?|review|prep|coaching|sessions?|edits?|practice\s+book|portfolio\s+review)\b
    | \b(?:thanks?|thank\s+you)\s+(?:again\s+|so\s+much\s+|very\s+much\s+)?for\s+(?:sticking|spending|giving\s+up|going\s+to\s+bat|putting\s+in|vouching|making\s+that\s+call|the\s+(?:tip|intro|introduction|referral|walk|push|reference|letter))\b
    | \b(?:thank\s+you\s+|thanks\s+){2,}for\b
    | \b(?:thanks?|thank\s+you|grateful|appreciate)\b[^.!?]{0,40}\b(?:intro(?:duction|ducing)?|referral|referring|recommendation|recommending|connecting|connection|putting\s+(?:me|us)\s+in\s+touch|putting\s+(?:me|us|my\s+name)\s+forward|putting\s+in\s+a\s+(?:good\s+)?word|advice|help\w*|reference|pointing|sending\s+(?:her|him|them)|writing|pushing|vouching|suggest\w*|letter|tips?)\b"""
)


def _outcome(sentence: str, words: frozenset[str] | None = None) -> bool:
    if words is None:
        words = _words(sentence)
    return _search_by_word(_OUTCOME_BY_WORD, sentence, words)


# ---------------------------------------------------------------- detect


# Words without which a rule cannot match: a cheap test before the patterns.
_THANKS_HINTS = frozenset(
    "thank thanks thanx thnx thx ty tysm cheers gracias merci danke grazie obrigado obrigada muito dziękuję dziekuje dzięki dzieki kiitos bedankt dank vielen teşekkürler teşekkür tesekkurler shukriya dhanyavad dhanyavaad asante spasibo mulțumesc mulţumesc multumesc gràcies gracies without made kind debt saved dank danke dankbaar lief bent generous thoughtful sweet lovely appreciate appreciated grateful gratitude owe lifesaver lifesavers savers heroes stars angels legends saints life rock helpful help helped hero star angel legend godsend saint gem means mean appreciation takk tack tak best".split()
)
# The same as substrings of a whole message (lower case), one family at a time:
# which rules can fire at all. Most messages hold no thank-you, introduction
# or outcome words, so those rules are skipped for every sentence of them.
# (Substring tests run at C speed; a case-insensitive alternation does not.)
_FAMILY_WORDS = (
    ("thanks", ("thank", "thx", "thanx", "thnx", " ty ", "takk", "tack ", "tak ", "the best", " ty!", " ty.", "ty ty", "tysm", "cheers", "gracias", "merci", "danke", "grazie", "obrigad",
                "apprecia", "grateful", "gratitude", "owe you", "owe u", "owe ya", "saver", "hero", "angel", "legend", "godsend", "saint", " gem", "means a lot",
                "means so much", "means the world", "dzięk", "dziek", "kiitos", "bedankt", "dank je", "dank u", "vielen dank",
                "shukriya", "dhanyava", "asante", "spasibo", "mulțumesc", "multumesc", "teşekkür", "tesekkur", "gràcies",
                "without you", "made my", "kind of you", "generous of you", "thoughtful of you", "sweet of you", "lovely of you",
                "from both of us", "from all of us", "from us", "from the whole", "your debt", "saved my", "dank", "lief van", "bent een", "goud waard", "without th", "tak,", "tak.", "tak!",
                "star", "rock", "help")),
    ("intro", (
        "introduc", "intro", "meet", "touch", "connect", "hook", "talk", "speak", "contact", "call", "cc", "copied",
        "tell him", "tell her", "tell them", "say you", "mention", "my name", "asked", "able to assist", "able to help", "discussed with", "your way", "has your", "have your", "on your", "along your", "yours", "told him", "told her", "told them", "consider this", "you two", "you both",
        "copying", "includ", "added", "adding", "loop", "your ", "person", "resource", "ring", "reach", "suggest",
        "recommend", "advise", "have ", "designee", "resume", "résumé", " cv",
        "add", "appointment", "schedul", "set up", "fit", "candidate", "match", "this is", " is a", " is an", " is the",
        " is my", " is our", " was my", " was our", "expecting you", "leave you", "talk to", "speak to", "runs ", "leads ", "heads ", "founded", "you two", "you both", "two of you", "forward", "recommend", "expecting", "knows i", "connecting",
        "each other", "should meet", "should talk", "should connect", "should know", "best person", "right person",
        "probably e", "probably call", "probably text", "likely e", "soon e", "reach out to you", "touch with you",
        "join this", "join the", "looping", "here's", "drop ", "shoot ", "told ", "expect you", "expect your",
        "recommended you", "suggested you", "put forward", "contact of", "details of", "number of", "contact for",
        "details for", "number for", "your way",
        "'s son", "'s daughter", "'s friend", "'s wife", "'s husband", "'s brother", "'s sister", "'s mom", "'s dad",
        "just moved", "manages ", "coordinates ", "owns ", "passing along", "sending along", "sending over",
        "referring", "knows i", "told him", "told her", "sent you", "call ", "try ", "text ",
        "ing you", " number is", " phone is", " line is", " extension is", " cell is", "mail is", "mail address is",
        "suggest", "asking ", "checking with", "give ", "giving ", "to talk to", "to ask", "to see ", "to speak",
        "reach him", "reach her", "reach them", "forwarding", "attaching", "enclosing", "sending", "here", "mentioned you",
        "each other", "thought of you", "came to mind", "best person", "great person", "good person", "perfect person",
        "him here", "her here", "them here", "him on", "her on", "them on", "him in", "her in", "them in", "have a",
        "have coffee", "liberty", "feel free", "introduce", "whatsapp", "in copy", "about you", "your contact",
        "out of the", "'s number", "'s email", "'s mobile", "'s details", "'s contact", "cc'd", "copied",
        "passed", "written", "spoken", "number", "phone", "mobile", "excellent", "brilliant", "fantastic", "superb",
        "wonderful", "very good", "the best", "great", "whom",
    )),
    ("outcome", (
        "you found", "you gave", "you sent", "you treated", "you prescribed", "you guessed", "you predicted",
        "you wrote", "you warned", "you fixed", "you checked", "like you", "as you", "my cover", "my cv", "my resume",
        "your advice", "your suggestion", "your recommendation", "your tip", "your lead", "your hint", "following your",
        "based on your", "you arranged", "you designed", "you drew", "you built", "you pointed",
        "you recommended", "you suggested", "you lent", "you did", "you made", "you prepared", "you drafted", "held up",
        "my application", "'ve ",
        "hadn't", "without your", "you brought", "you said", "rewrote", "together", "lending", "lent me", "you told", "you put", "template", "letter", "sketched", "walked me", "taught me", "thanks to", "because of", "helped", "difference", "worked", "turned out", "went ", "got ", "landed",
        "accepted", "received", "won ", "offered", "trick", "solved", "fixed", "paid off", "met ", "spoke",
        "talked", "had ", "let you know", "update you", "report back", "tell you", "signed", "ended up", "get the",
        "offer", "spot on", "invaluable", "key", "great", "right", "big", "huge",
        "recommended", "suggested", "introduced", "agreed", "hired", "news", "loop", "update", "came through",
        "made it happen", "sealed", "funded", "adopted", "started", "finished", "dropped", "approved", "launched",
        "closed", "fixed", "resolved", "merged", "shipped", "returned", "tipped", "i'm in", "said yes",
        "made it", "got it", "heard back", "result", "tell you", "short version", "deserve", "someone else", "died",
        "came back", "up from", "down from", "passed", "booked", "agreed", "came in", "signed it", "hunch", "paid off",
        "ended up", "worked out", "went from", "grew from", "rose from", "jumped from", "doubled",
        "refunded", "waived", "replaced", "repaired", "joined", "sold ", "loved", "adored", "healed", "recovered",
        "picked", "chose", "moved", "turned", "said yes", "said no", "raised", "settled", "delivered", "launched",
        "booked", "won", "passed", "came ", "sorted",
    )),
)
# People put their point first; a very long text is a document or a newsletter.
MAX_SENTENCES = 60


_GREETING = re.compile(r"^(?:(?:hi|hello|hey|dear|good\s+morning|morning)\b[^.!?]{0,30}|[A-Z][\w.' -]{0,30}[,:])\s*[,:!]?$", re.IGNORECASE)
# A signature's line: "Sent from my iPhone", "Carmen Ortiz | VP | Helio", "Director, Enron Assurance
# Services", an address or a phone number.
_SIGNATURE_LINE = re.compile(
    r"(?i:sent\s+from\s+my\b|get\s+outlook\b)|[^a-z]*$|.*\||.*@|.*\d{3}\D{0,3}\d{4}"
    r"|(?:[A-Z&][\w.&'-]*,?\s+){1,6}[A-Z&][\w.&'-]*\.?$")
_EMPHATIC_THANKS = re.compile(
    r"!!|(?i:thank\s+you,?\s+thank\s+you|thank\s+you,?\s+(?:truly|sincerely|really|so\s+much)|thanks\s+(?:so\s+much|a\s+million|a\s+ton)"
    r"|many\s+many\s+thanks|thank\s+you\s+(?:so|very)\s+much)")
_THANK_WORD = re.compile(r"\bthank|\bthx\b|apprecia", re.IGNORECASE)


def _families(low: str) -> set[str]:
    """Which rule families can fire in ``low``: the text lower-cased, after a
    space (so that " ty " finds a word at the very start too)."""
    return {family for family, words in _FAMILY_WORDS if any(map(low.__contains__, words))}


def _bare_thanks(s: str) -> bool:
    return bool(_BARE_THANKS.match(s) or _THANKS_STRONG.search(s) and len(s) < 40)


# "Just let me know." after an offer ("I'd be happy to talk with him, if you
# want.") completes the offer; it asks for nothing.
_BARE_LET_KNOW = _rx(r"^(?:just\s+|please\s+|so\s+)?let\s+(?:me|us)\s+know\s*[.!]*$")
_OFFER = _rx(r"\bif\b|\b(?:happy|glad|pleased)\s+to\b|\bwould\s+like\b|\banything\b")
# A cold sales letter: the sender introduces himself and his company's services.
_SELF_INTRO = _rx(
    r"""\bmy\s+name\s+is\b | \bI'?m\s+[A-Z][a-z]+,\s+(?:I\s+)?(?:lead|run|head|manage|work|am|'m)\b | \bI\s+am\s+[A-Z][a-z]+\s+[A-Z][a-z]+\s*,\s*(?:the\s+)?(?:\w+\s+){0,3}?(?:president|ceo|founder|co-founder|director
    |manager|partner|principal|consultant|representative|executive|officer|vp)\b | \bI\s+represent\b
    | \b(?:tell|show)\s+you\s+(?:more\s+)?about\s+(?:our|[A-Z]\w+)\b | \b(?:allow|let)\s+me\s+to\s+introduce\s+(?:myself|our)
    | \bintroduc(?:e|ing)\s+(?:myself|ourselves)\b"""
)
_SALES = _rx(
    r"""\bour\s+(?:company|firm|clients|customers|solutions?|services|products|technology|offerings?)\b
    | \bwe\s+(?:specialize|help\s+(?:[\w-]+\s+)?(?:companies|organizations|firms|clients|startups|businesses|teams|founders|brands|leaders)|provide\s+(?:\w+\s+)?(?:solutions|services))\b"""
)


_SALES_HINTS = ("our ", "we specialize", "we help", "we provide")
_SELF_INTRO_HINTS = ("name is", "i am ", "i'm ", "im ", "represent", "tell you", "show you", "introduce")


def _pitch(text: str) -> bool:
    head = text[:3000]
    low = head.lower()  # substring tests first: the patterns are slow and rarely needed
    if not any(map(low.__contains__, _SELF_INTRO_HINTS)) or not any(map(low.__contains__, _SALES_HINTS)):
        return False
    return _SALES.search(head) is not None and _SELF_INTRO.search(head) is not None


# "Jon, Alex. Alex, Jon.": the shortest double introduction, across two sentences.
_NAME_PAIR = re.compile(r"([A-Z][a-z]+)\s*(?:,|\s[—–-])\s+([A-Z][a-z]+)\s*[.;!–—-]*(?:\s+([A-Z][a-z]+)\s*(?:,|\s[—–-])\s+([A-Z][a-z]+)\s*[.;!]?)?$")


_THIS_IS_PAIR = re.compile(
    r"^(?:hey\s+|hi\s+)?(\w+),?\s+(?:this\s+is|say\s+(?:hello|hi)\s+to)\s+(\w+)\s*[,.;!-]*\s*\2,?\s+(?:this\s+is|say\s+(?:hello|hi)\s+to)\s+\1\b",
    re.IGNORECASE)


# "Ana, this is Ada - ..." and, further on, "Ada, this is Ana - ...".
_THIS_IS = re.compile(r"^(?:(?:hi|hey|and)\s+)?([A-Z][a-z]+),?\s+(?:this\s+is|meet)\s+([A-Z][a-z]+)\b")


# "Rosa, Khadija —" opening a message to two people, then what each should know of the other.
_TWO_GREETED = re.compile(r"^(?:(?:[Hh]i|[Hh]ello|[Hh]ey|[Dd]ear)\s+)?([A-Z][a-z]+)\s*(?:,|&|/|\band\b)\s*([A-Z][a-z]+)\s*[,:!\u2013\u2014-]*$")


def _told_about(content: list[str]) -> str | None:
    """A message that greets two people and tells one about the other ("Rosa has just moved here from
    Dublin and marbles like a dream"): an introduction of the two."""
    pair = _TWO_GREETED.match(content[0])
    if pair is None:
        return None
    names = "|".join(pair.groups())
    about = re.compile(rf"^(?:{names})(?:'s)?\s+(?:has\s+just|just|is\s+(?:a|an|the|my|our)|knows|runs|makes|works|has\s+been|was\s+(?:a|an|the|my))\b")
    return next((s for s in content[1:6] if about.match(s)), None)


def _swapped_names(content: list[str]) -> str | None:
    told: dict[tuple[str, str], str] = {}
    for sentence in content:
        m = _THIS_IS.match(sentence)
        if m and m.group(1) != m.group(2):
            told[(m.group(1), m.group(2))] = sentence
            if (m.group(2), m.group(1)) in told:
                return told[(m.group(2), m.group(1))]
    for i, sentence in enumerate(content[:3]):
        both = f"{sentence} {content[i + 1]}" if i + 1 < len(content) else sentence
        if _THIS_IS_PAIR.match(sentence) or _THIS_IS_PAIR.match(both):
            return both if not _THIS_IS_PAIR.match(sentence) else sentence
    previous = None
    for sentence in content:
        if len(sentence) > 40:
            previous = None
            continue
        m = _NAME_PAIR.match(sentence)
        if m is None:
            previous = None
            continue
        if m.group(3) and (m.group(3), m.group(4)) == (m.group(2), m.group(1)):
            return sentence
        if previous and (m.group(1), m.group(2)) == (previous[1], previous[0]):
            return f"{previous[2]} {sentence}"
        previous = (m.group(1), m.group(2), sentence)
    return None


# Someone's number passed on with word that they called: a phone message relayed.
_NUMBER_GIVEN = _rx(r"\b(?:number|phone|cell|mobile|extension|ext)\b")
_RELAY = _rx(r"""\b(?:called|phoned|rang)\s+(?:you|for\s+you|today|this\s+morning|this\s+afternoon|earlier|while)\b
    | \b(?:she|he|they|[A-Z][a-z]+)\s+(?:called|phoned|rang)\b | \bleft\s+(?:you\s+)?a\s+(?:message|voice\s*-?mail|vm)\b
    | \bcall\s+(?:her|him|them)\s+back\b | \breturn\s+(?:her|his|their)\s+call\b""")


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def detect_text(text: str) -> tuple[Finding, ...]:
    """Findings in a sender's own text (already stripped of quotes and signatures).

    At most one finding per kind: the first sentence that shows it. Only the
    first ``MAX_SENTENCES`` sentences are read.
    """
    return _read(text)[0]


def _read(text: str) -> tuple[tuple[Finding, ...], str | None, tuple[Finding, ...]]:
    """``detect_text``'s findings, the first sentence that tells how something
    went (``_WEAK_OUTCOME``, ``_NEWS``) when no outcome was found: what the thread
    may show to be an outcome (see ``detect``), and up to three later asks when
    the first one calls someone by name ("Mark - heard from Kevin?")."""
    text = text[:20000]
    if "\u2019" in text or "\u2018" in text:
        text = text.translate(_APOSTROPHES)  # "I\u2019d appreciate": phones and Outlook type curly ones
    low = " " + text.lower()
    families = _families(low)
    sents = sentences(text[:4000]) if len(text) > 4000 else []
    if len(sents) <= MAX_SENTENCES:  # else the first MAX_SENTENCES are whole already
        sents = sentences(text)
    sents = sents[:MAX_SENTENCES]
    found: dict[str, Finding] = {}
    asked = named = False
    later_asks: list[Finding] = []
    content = [s for s in sents if len(s) > 2]
    want_thanks = "thanks" in families
    only_thanks = want_thanks and bool(content) and all(
        _bare_thanks(s) or len(s.split()) <= 2 and s[:1].isupper() and s.rstrip(".,!").isalpha()
        for s in content
    )
    # tail[i]: only short lines without thanks (a name, "Best,") follow sentence i.
    tail = [True] * (len(content) + 1)
    if want_thanks:
        for i in range(len(content) - 1, -1, -1):
            s = content[i]
            tail[i] = tail[i + 1] and (len(s.split()) <= 3 or _SIGNATURE_LINE.match(s) is not None) \
                and not _THANK_WORD.search(s)
    if _pitch(text):
        asked = True  # a stranger's sales letter asks for business, not for help
    want_intro = "intro" in families
    want_outcome = "outcome" in families
    weak: str | None = None  # the first news of how things went (see _WEAK_OUTCOME)
    news: str | None = None  # the first news in any words (see _NEWS)
    # The particular help the recipient gave (_SPECIFIC_HELP): named at all, and where first named unhedged.
    help_named, help_given = False, None
    for index, sentence in enumerate(content):
        words = _words(sentence)
        if want_intro and "intro" not in found and _intro(sentence, words):
            found["intro"] = Finding("intro", sentence)
        if not asked and is_ask(sentence, words) and not (
            index and _BARE_LET_KNOW.match(sentence) and _OFFER.search(content[index - 1])
        ):
            asked = True
            found["ask"] = Finding("ask", sentence)
            named = _NAMED.match(sentence) is not None
        elif named and len(later_asks) < 3 and is_ask(sentence, words):
            # "Mark - heard from Kevin? ... Chris - are we taking gas from CNR?": the first ask
            # names someone; a later one may be the owner's (see ``_mine``).
            later_asks.append(Finding("ask", sentence))
        if want_thanks and "thanks" not in found and not _THANKS_HINTS.isdisjoint(words):
            first = index == 0 or (index == 1 and _GREETING.match(content[0]) is not None)
            if _thanks(sentence, first=first, asked_before=asked, only_text=only_thanks, last=tail[index + 1]):
                found["thanks"] = Finding("thanks", sentence)
        if want_outcome and "outcome" not in found:
            if _outcome(sentence, words):
                found["outcome"] = Finding("outcome", sentence)
            elif weak is None and _search_by_word(_WEAK_OUTCOME_BY_WORD, sentence, words) \
                    and not _HEDGE_OUTCOME.search(sentence):
                weak = sentence
            if news is None and "outcome" not in found and _search_by_word(_NEWS_BY_WORD, sentence, words) \
                    and not _HEDGE_OUTCOME.search(sentence):
                news = sentence
            if help_given is None and _search_by_word(_SPECIFIC_HELP_BY_WORD, sentence, words):
                help_named = True
                if _COUNTERFACTUAL.search(sentence):
                    help_given = 0  # "none of this exists without your email": it looks back on what came before
                elif not _STORY_HEDGE.search(sentence):  # help asked for or hoped for is not given
                    help_given = index
    if "intro" in found and _NUMBER_GIVEN.search(found["intro"].evidence) and _RELAY.search(text):
        del found["intro"]  # "Sandra called. Her work number is ...": a message passed on, not a connection
    if "intro" not in found:
        pair = _swapped_names(content)
        if pair:
            found["intro"] = Finding("intro", pair)
    if "intro" not in found and len(content) > 1:
        told = _told_about(content)
        if told:
            found["intro"] = Finding("intro", told)
    if "outcome" not in found and weak is None and any(map(low.__contains__, _BAD_NEWS_WORDS)):
        weak = next((s for s in content if _BAD_NEWS.search(s) and not _HOPE.search(s)), None)
    if weak is not None and "outcome" not in found and _HELP_REFERENCE.search(text):
        found["outcome"] = Finding("outcome", weak)
    if help_named and "outcome" not in found:
        story = weak or news
        if story is None and help_given is not None:
            # Help named as given ("thank you for introducing me to Dr. Goh"), not asked
            # for ("I'd appreciate your recommendation"): what happened next is how it went.
            story = _story(content[help_given:])
        if story is not None:
            found["outcome"] = Finding("outcome", story)
    if "outcome" in found and "thanks" not in found and want_thanks:
        # "... Your intro made it happen. Thank you." - closing a report of how
        # the recipient's help turned out, a thank-you is gratitude, not a formula.
        for sentence in content:
            if (_BARE_THANKS.match(sentence) or _THANKS_FOR.search(sentence)) and not _IN_ADVANCE.search(sentence):
                found["thanks"] = Finding("thanks", sentence)
                break
    return (tuple(found[k] for k in KINDS if k in found), None if "outcome" in found else (weak or news),
            tuple(later_asks))


# Calendar traffic (invitations, acceptances, cancellations) is written by a
# calendar program on a person's behalf: a meeting, not an ask or a thank-you.
_CALENDAR_SUBJECT = re.compile(
    r"^(?:invitation|updated\s+invitation|accepted|declined|tentative(?:ly\s+accepted)?|cancell?ed(?:\s+event)?"
    r"|new\s+time\s+proposed|meeting\s+(?:request|cancell?ed|update[d]?))\s*:",
    re.IGNORECASE,
)
_CALENDAR_TEXT = ("*~*~*~*~*~*~*~*~*~*", "invitation from google calendar", "has accepted this invitation",
                  "has declined this invitation")


def calendar_notice(message: Message) -> bool:
    """Is ``message`` a calendar invitation or reply rather than a letter?

    A forwarded invitation with a line of the sender's own ("will you have time
    to attend?") is a letter: in a forward, only the sender's new text counts."""
    if message.subject and _CALENDAR_SUBJECT.match(message.subject):
        return True
    forward = message.subject and _FORWARD_SUBJECT.match(message.subject) and message.new_text.strip()
    low = (message.new_text if forward else message.text)[:4000].lower()
    return any(marker in low for marker in _CALENDAR_TEXT)


_FORWARD_SUBJECT = re.compile(r"^\s*(?:fwd?|fw)\s*:", re.IGNORECASE)


def detect(message: Message, *, bulk_checked: bool = False,
           me: frozenset[str] = frozenset()) -> tuple[Finding, ...]:
    """What the sender of ``message`` does in it: intro, ask, thanks, outcome.

    Bulk mail (see ``bulk_reason``) has no findings: a newsletter's questions
    are not asks of the reader; neither are a calendar notice's (see
    ``calendar_notice``), which is checked even then. An importer that has already called
    ``bulk_reason`` (and skipped bulk mail) passes ``bulk_checked=True`` so
    the check is not done twice.

    ``me`` holds the mailbox owner's addresses (lower case), when known. A
    message that does not name the owner in To asks and thanks the people it
    does name, not the owner: the owner is only copied, or sees it through a
    list or a blind copy. Such asks and thank-yous are not reported (see
    ``addressed_to``) unless they call the owner by first name ("Thanks,
    Alex, for the intro (moving you to bcc)"). Nor are those of a message to
    the owner and others that open by naming another recipient ("Diane, any
    luck with the code?"). Introductions still are: being copied is how one
    is introduced.
    """
    if not bulk_checked and bulk_reason(message, me) is not None:
        return ()
    if calendar_notice(message):
        return ()
    subject = message.subject or ""
    reply = bool(message.in_reply_to or _REPLY_SUBJECT.match(subject))
    found, news, later_asks = _read(message.new_text)
    if subject.rstrip().endswith("?") and not reply and not subject.lstrip().startswith("[") \
            and len(message.new_text.strip()) < 80 \
            and all(f.kind != "ask" for f in found) and is_ask(subject.strip()):
        # "Do you have a number for Elliot?" as the subject, and the text only "Take care - Kevin":
        # the subject is the message, and a bare "Thanks!"/"Cheers" below it closes the request.
        found = tuple(sorted([f for f in found if f.kind != "thanks" or _THANKS_FOR.search(f.evidence) or len(f.evidence) > 40]
                             + [Finding("ask", subject.strip())], key=lambda f: KINDS.index(f.kind)))
    if found and me:
        found = _mine(found, message, me, later_asks)
    if news is None and reply and "outcome" not in (f.kind for f in found):
        met = _MET.search(message.new_text[:4000])
        said = _sentence_at(message.new_text, met.start()) if met else ""
        if met and not _STORY_HEDGE.search(said) and _introduced_before(quoted_text(message.text)):
            # "Ben and I met last Tuesday" above the quoted introduction to Ben.
            found = tuple(sorted(found + (Finding("outcome", said),), key=lambda f: KINDS.index(f.kind)))
    if news is not None and reply and _helped_before(quoted_text(message.text)):
        # "Ray came the next morning and fixed the leak" above a quoted "Call Ray Alvarez":
        # the thread shows the help the news is about.
        found = tuple(sorted(found + (Finding("outcome", news),), key=lambda f: KINDS.index(f.kind)))
    if all(f.kind != "intro" for f in found) and message.cc:
        copied = _copied_contact(message, me)
        if copied:
            # "Please contact Juan if you think we can help (Juan cc'd)": the person to turn to is on the message.
            found = tuple(sorted(found + (Finding("intro", copied),), key=lambda f: KINDS.index(f.kind)))
    if all(f.kind != "intro" for f in found) and me:
        told = _owner_presented(message, me)
        if told:
            # "Javier, Tomás is the hydrogeologist I mentioned" (Javier copied): the owner presented to another.
            found = tuple(sorted(found + (Finding("intro", told),), key=lambda f: KINDS.index(f.kind)))
    if subject and not _REPLY_SUBJECT.match(subject) and _INTRO_SUBJECT.search(subject) \
            and all(f.kind != "intro" for f in found):
        # "Intro: Alex <> Dana", "Maya, meet Dana": the subject says what the text takes for granted.
        found = tuple(sorted(found + (Finding("intro", subject),), key=lambda f: KINDS.index(f.kind)))
    return found


def _owner_presented(message: Message, me: frozenset[str]) -> str | None:
    """A sentence that speaks to another person on the message about the owner, or None:
    "Javier, Tomás is the hydrogeologist I mentioned", "Rafael, this is Tomás, the water guy",
    "Priya, Tomás was my best source" (Javier, Rafael and Priya in To or Cc)."""
    owner = _first_names(message, me)
    if not owner or message.sender is None or message.sender.email in me:
        return None
    others = {n for a in message.recipients if a.email not in me and a.email != message.sender.email
              for n in _names_of(a.name, a.email)} - set(owner)
    if not others:
        return None
    text = message.new_text[:4000]
    low = text.lower()
    if not any(n in low for n in others) or not any(n in low for n in owner):
        return None
    spoken = "|".join(sorted(map(re.escape, others)))
    about = "|".join(sorted(map(re.escape, owner)))
    m = re.search(rf"(?:^|(?<=[.!?\n]))\s*(?P<name>(?i:{spoken}))\s*(?:,|:|\s[-\u2013\u2014])\s*(?:(?i:this\s+is)\s+(?i:{about})\b"
                  rf"|(?i:{about})(?:(?:'s|\s+is|\s+was)\s+(?i:the|a|an|my|our|one\s+of|your)|\s+(?i:knows|runs|builds|makes|works|has\s+been|helped\s+me))\b)",
                  text, re.MULTILINE)
    return _sentence_at(text, m.start("name")) if m else None


_CONTACT_NAMED = re.compile(
    r"\b(?:[Cc]ontact|[Cc]all|[Tt]alk\s+(?:to|with)|[Ss]peak\s+(?:to|with)|[Rr]each\s+out\s+to|[Gg]et\s+in\s+touch\s+with)\s+([A-Z][a-z]+)\b")


def _copied_contact(message: Message, me: frozenset[str]) -> str | None:
    """A sentence that sends the reader to someone copied on the message, or None."""
    text = message.new_text[:4000]
    if _CONTACT_NAMED.search(text) is None:
        return None
    sender = message.sender.email if message.sender else ""
    copied = {n for a in message.cc if a.email not in me and a.email != sender for n in _names_of(a.name, a.email)}
    for m in _CONTACT_NAMED.finditer(text):
        if m.group(1).lower() in copied:
            said = _sentence_at(text, m.start())
            if _PLEASE_CONTACT.search(said) and not _CONTACT_FORMULA.search(said):
                return said
    return None


# Sent to someone ("please contact Juan", "be sure to talk to Peter"), not told whom to ask
# questions ("for other questions, please contact Bob Shults") or with whom to book a time.
_PLEASE_CONTACT = re.compile(r"\b(?:[Pp]lease\s+(?:also\s+)?|[Bb]e\s+sure\s+to\s+|[Yy]ou\s+(?:should|may\s+want\s+to|might\s+want\s+to|can)\s+)"
                             r"(?:contact|call|talk\s+(?:to|with)|speak\s+(?:to|with)|reach\s+out\s+to|get\s+in\s+touch\s+with)\s+[A-Z]")
_CONTACT_FORMULA = _rx(r"\bquestions?\b | \bor\s+(?:me|myself)\b | \bif\s+any(?:one|body)\b | \b(?:additional|further|more|any)\s+information\b | \bcalendar\b | \b(?:a|the)\s+(?:specific\s+|convenient\s+)?time\b | \bx\s?\d{3,} | \d{3}[-.\s]\d{4} | \(\d{5}\)")


# Quoted earlier mail that recommends someone or something ("I'd recommend
# Dr. Lee", "you should try the bakery on 5th").
_RECOMMENDS = _rx(
    r"""\bI(?:'d|\s+would)?\s+(?:highly\s+|strongly\s+|really\s+)?(?:recommend|suggest)\b
    | \byou\s+(?:should|could|might\s+want\s+to)\s+(?:really\s+)?(?:try|use|call|contact|ask|go\s+with|talk\s+to|reach\s+out\s+to)\b"""
)


# The writer met the person a quoted introduction was about.
_MET = re.compile(r"(?:\b[A-Z][a-z]+\s+and\s+I|\b[Ww]e)\s+(?:finally\s+|just\s+|already\s+)?"
                  r"(?:met|talked|spoke|had\s+(?:coffee|lunch|dinner|breakfast|drinks|a\s+(?:call|chat|meeting|coffee)))\b")


def _sentence_at(text: str, at: int) -> str:
    start = max(text.rfind(c, 0, at) for c in ".!?\n") + 1
    ends = [e for e in (text.find(c, at) for c in ".!?\n") if e != -1]
    return text[start:min(ends) + 1 if ends else len(text)].strip()


def _introduced_before(quoted: str) -> bool:
    """Whether quoted earlier mail introduces someone."""
    return bool(quoted.strip()) and any(f.kind == "intro" for f in detect_text(quoted[:20000]))


def _helped_before(quoted: str) -> bool:
    """Whether quoted earlier mail holds help the recipient gave: an introduction or a recommendation."""
    return _RECOMMENDS.search(quoted[:20000]) is not None or _introduced_before(quoted)


def _first_names(message: Message, me: frozenset[str]) -> tuple[str, ...]:
    """How the owner may be called in the text: first names (lower case) from
    the owner's display names in the headers, or from the owner's addresses
    ("alex" from alex.chen@x.org)."""
    names = set()
    for address in (*message.to, *message.cc):
        if address.email in me:
            names |= _names_of(address.name, address.email)
    for email in me:
        names |= _names_of("", email)
    return tuple(sorted(names))


def _mine(found: tuple[Finding, ...], message: Message, me: frozenset[str],
          later_asks: tuple[Finding, ...] = ()) -> tuple[Finding, ...]:
    """The findings that concern the owner: asks and thanks made of others are left out.

    When the first ask is someone else's, the first of ``later_asks`` that is not
    takes its place."""
    if message.sender is not None and message.sender.email in me:
        return found  # the owner's own asks and thanks, whoever they are for
    names = _first_names(message, me)
    if not addressed_to(message, me):
        if _greets(message.new_text, names):
            return found  # "Jeff and Andy," - the owner is spoken to, though only copied
        kept = [f for f in found if f.kind not in ("ask", "thanks") or _calls(f.evidence, names)]
        if any(f.kind == "ask" for f in found) and all(f.kind != "ask" for f in kept):
            # "Lamar/Kevin, who is on point? ... Jeff, I presume you meant 9/20?" - the owner's ask further on.
            kept.extend(next(([a] for a in later_asks if _opens_with(a.evidence, names)), []))
            kept.sort(key=lambda f: KINDS.index(f.kind))
        return tuple(kept)
    if not names or len(message.recipients) < 2:
        return found
    # Addressed to the owner among others: a request or thanks that opens by
    # naming another recipient ("Diane, any luck...?", "Thank you Judi") is theirs.
    others = {n for a in message.recipients if a.email not in me for n in _names_of(a.name, a.email)} - set(names)
    if not others:
        return found
    greeted = _OPENING_NAME.match(message.new_text.lstrip())
    greeted = greeted.group(1).lower() if greeted else ""
    def theirs(f: Finding) -> bool:
        called = _CALLED.match(f.evidence)
        who = called.group(1).lower() if called else greeted
        return who in others and not _calls(f.evidence, names)

    kept = []
    for f in found:
        if f.kind in ("ask", "thanks") and theirs(f):
            if f.kind == "ask":
                # The owner's ask further on: "Chris / Donna - Are we taking gas from CNR?"
                kept.extend(next(([a] for a in later_asks if _opens_with(a.evidence, names)), []))
            continue
        kept.append(f)
    return tuple(sorted(kept, key=lambda f: KINDS.index(f.kind)))


# A sentence that opens by naming whom it is for: "Mark - heard from Kevin?", "Lamar/Kevin, who is on point?"
_NAMED = re.compile(r"(?:(?i:hi|hey|hello)\s+)?[A-Z][a-z]+(?:\s*(?:/|&|and)\s*[A-Z][a-z]+)*\s*(?:,|:|--|-|\u2013|\u2014)")
# "Diane,", "Hi Thane --" as a message's first line; "Cindy - Can you", "Thank you Judi for".
_OPENING_NAME = re.compile(r"(?:(?:hi|hello|hey|dear)\s+)?([A-Z][a-z]+)\s*(?:,|:|--|-|–|—)?[ \t]*(?:\n|$)", re.IGNORECASE)
_CALLED = re.compile(r"(?:(?i:thanks|thank\s+you)\s+)?([A-Z][a-z]+)\s*(?:,|:|--|-|–|—|\s+for\b)")


# A greeting line: "Jeff and Andy,", "Hi Sam & Kim -", "Dear Ms. Lee:".
_GREETING_LINE = re.compile(
    r"^(?:(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))\s+)?"
    r"((?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?[A-Z][a-z]+(?:\s*(?:,|and|&|/)\s*(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?[A-Z][a-z]+){0,4})"
    r"\s*(?:,|:|;|!|--|-|\u2013|\u2014)?\s*$", re.IGNORECASE)


def _greets(text: str, names: tuple[str, ...]) -> bool:
    """Whether the message's first line greets someone called one of ``names``."""
    first = text.lstrip().split("\n", 1)[0].strip()
    m = _GREETING_LINE.match(first) if len(first) <= 60 else None
    if m is None or not names:
        return False
    called = {w.lower() for w in re.findall(r"[A-Za-z]+", m.group(1))}
    return not called.isdisjoint(names)


def _opens_with(sentence: str, names: tuple[str, ...]) -> bool:
    """Whether ``sentence`` opens by naming someone called one of ``names``: "Chris / Donna - are we...?"."""
    m = _NAMED.match(sentence)
    return m is not None and not {w.lower() for w in re.findall(r"[A-Za-z]+", m.group(0))}.isdisjoint(names)


def _calls(sentence: str, names: tuple[str, ...]) -> bool:
    """Whether ``sentence`` speaks to someone called one of ``names``: "Alex, could you",
    "Thanks Alex for", "thank you, Alex!" (not "speak with Alex Chen")."""
    return any(re.search(rf"(?:^\W*|\b(?i:thanks|thank\s+you|hi|hey|so)\W+|,\s*)(?i:{n})\b(?!\s+[A-Z])", sentence)
               for n in names)


def _names_of(name: str, email: str) -> set[str]:
    """First names a person may be called by: from the display name and the address."""
    found = set()
    name = name.strip().strip('"')
    first = name.partition(",")[2].split() if "," in name else name.split()
    if first and "@" not in first[0]:
        found.add(first[0].lower())
    word = re.split(r"[._\-+]", email.partition("@")[0])[0]
    if word.isalpha():
        found.add(word)
    return {n for n in found if len(n) >= 3 and n.isalpha()}


def addressed_to(message: Message, me: frozenset[str]) -> bool:
    """Whether ``message`` is addressed to the owner, whose addresses are ``me``.

    True when To names the owner, when To is empty and Cc names the owner, and
    for the owner's own mail. False when the owner is only in Cc of a message
    to others, or not named at all (a list, a blind copy).
    """
    if message.sender is not None and message.sender.email in me:
        return True
    if any(a.email in me for a in message.to):
        return True
    return not message.to and any(a.email in me for a in message.cc)


_REPLY_SUBJECT = re.compile(r"^\s*(?:re|fwd?|fw|aw|wg|sv|vs|antw|r)\s*(?:\[\d+\])?\s*:", re.IGNORECASE)
# An introduction's subject line.
_INTRO_SUBJECT = re.compile(
    r"^\s*(?:(?i:(?:double\s+)?(?:e-?)?intro(?:duction)?)\s*[:\-–—]"
    r"|(?i:introducing)\s+[A-Z][a-z]+\s+[A-Z][a-z]+(?:\s*$|\s*[,(:\-]|\s+to\b)"
    r"|(?i:connecting)\s+(?:you\s+two|you\s+both|[A-Z][a-z]+\s+(?:and|&|<>|/|\+)\s+[A-Z][a-z]+)"
    r"|[A-Z][a-z]+,?\s+meet\s+[A-Z][a-z]+)"
    r"|\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*(?:<>|<->|<=>)\s*[A-Z][a-z]+"
    r"|\b[A-Z][a-z]+\s*(?:/|&|\+|and)\s*[A-Z][a-z]+\s+(?i:intro(?:duction)?)\s*$"
)
