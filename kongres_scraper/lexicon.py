"""The words extraction reads Polish event pages by, kept in one place.

Role labels and cues, session formats, position words, organisation head nouns, the
capitalised words that are never first names, and the congress's own facts. Every
extractor composes its patterns from these lists, so a word added here is understood by
the programme reader, the speaker cards, the prose reader and the page-type judge alike
(before, the same words were written in six modules and a word added in one was missed
in the others).

Regular expressions are given as *sources* (strings), so each module can anchor and
combine them as its markup needs; word sets are lower-case lemmas or forms.
"""
from __future__ import annotations

import datetime as dt

# --- the congress -----------------------------------------------------------------------

CONGRESS_NAME = "Krajowy Kongres Współpracy Lokalnej"
CONGRESS_ACRONYM = "KKWL"
# The editions: number -> (first day, last day). Pages are dated by these days and the
# `editions` table publishes them.
EDITIONS: dict[int, tuple[dt.date, dt.date]] = {
    1: (dt.date(2023, 9, 19), dt.date(2023, 9, 20)),
    2: (dt.date(2024, 10, 10), dt.date(2024, 10, 11)),
    3: (dt.date(2025, 10, 9), dt.date(2025, 10, 10)),
}
# Where each edition took place and its theme, when it had one.
EDITION_PLACES: dict[int, tuple[str, str | None]] = {
    1: ("Centrum Konferencyjne SWPS, Warszawa", None),
    2: ("Warszawa", None),
    3: ("Muzeum Historii Polski, Warszawa", "Siła wspólnoty"),
}

# --- roles ------------------------------------------------------------------------------

# The roles a person takes in a programme, and how the scorer groups them.
ROLES = ("moderator", "host", "panelist", "speaker", "keynote", "guest")
ROLE_CLASS = {"moderator": "lead", "host": "lead", "panelist": "panel", "speaker": "talk", "keynote": "talk", "guest": "talk"}

# Label text (before a colon, or a column header, or a role cell) -> role. Checked in order; the first match wins.
ROLE_LABELS: tuple[tuple[str, str], ...] = (
    (r"\bwprowadzenie\s+i\s+moderacja\b|\bmoderat\w*|\bmoderacj\w*|\bmoderuj\w*|\bmoderowa\w*", "moderator"),
    (r"\bwprowadzeni\w*|\bwystąpieni\w+\s+wprowadzając\w*", "speaker"),
    (r"\w*prowadz\w*|\w*prowadząc\w*|\bgospodar\w*|\bkonferansjer\w*|\btrener\w*|\btrenerk\w*", "host"),
    (r"\bkeynote\b|\bwykład\s+(inauguracyjny|otwierający|wprowadzający)", "keynote"),
    # "Goście panelu:", "Gości debaty:" name the panel's guests: its panelists ("Gość specjalny:" is a guest).
    (r"\bgo(?:ście|ści)\s+(?:panelu|paneli|debaty|debat|dyskusji|rozmowy|sesji)\b|\bpaneli\w*|\buczestnic\w*|\budział\b"
     r"|\bdyskutan\w*|\bw\s+debacie\b|\bw\s+dyskusji\b|\brozmówc\w*|\beksper(?:ci|tki|tów)\b|\beksper\w+\s+w\s+panelu", "panelist"),
    (r"\bprelegen\w*|\bwystąpieni\w*|\bwystąpią\b|\bmówc\w*|\bprelekcj\w*|\bwykład\w*|\bspeakers?\b|\bprezentacj\w*|\bprzemówieni\w*|"
     r"\bpowitani\w*|\bprzywitani\w*|\botwarci\w*|\bpodsumowani\w*|\bzamknięci\w*|\bsłowo\s+wstępne", "speaker"),
    (r"\bgość\w*|\bgości\w*|\bgoście\b", "guest"),
)
# A label word alone on its line, or before a dash (`Moderacja – Jan Kowalski`).
BARE_LABEL = (r"moderator\w*|moderacja|prowadz\w+|prowadząc\w+|paneli\w+|prelegen\w+|gość\w*|goście|"
              r"osoby\s+(?:prowadzące|uczestniczące)|wprowadzenie\s+i\s+moderacja|udział\s+wezmą|wystąpienia|dyskutanci|"
              r"eksperci|ekspertki|trenerzy|trenerki")
# A role stated right after a person, in brackets: `(jako moderator debaty)`.
ROLE_AFTER_WORDS = r"moderator\w*|moderacja|prowadząc\w*|panelist\w*|prelegent\w*|gość\w*|keynote"
# A position that is only a role word (`Jan Kowalski – moderator`): the person's role, not a position.
ROLE_NOUNS = {"moderator": "moderator", "moderatorka": "moderator", "moderacja": "moderator",
              "prowadzący": "host", "prowadząca": "host", "panelista": "panelist", "panelistka": "panelist",
              "prelegent": "speaker", "prelegentka": "speaker", "gość": "guest"}
# Feminine role labels name a woman (`Moderatorka:` one person, `Panelistki:` each of them).
FEMININE_LABELS = r"moderatorka|prowadząca|panelistka|prelegentka|ekspertka|trenerka|gościni"
FEMININE_PLURAL_LABELS = r"moderatorki|prowadzące|panelistki|prelegentki|ekspertki|trenerki"
# Role words written in a table's role cell (`uczestnik debaty`, `gość specjalny`) that the labels leave out.
CELL_ROLES: tuple[tuple[str, str], ...] = (
    (r"^\s*uczestni(?:k|czka|cy|czki)\b", "panelist"),
    (r"^\s*gość\s+specjaln|^\s*gościni", "guest"),
)
# Feminine nouns and forms that state a woman's role or office (the source says so), and feminine adjectives
# agreeing with a position (`redaktor naczelna`, `była prezes`).
FEMININE_CUES = (
    r"moderatorka|prowadząca|prezeska|wiceprezeska|ekspertka|dyrektorka|wicedyrektorka|koordynatorka|"
    r"założycielka|współzałożycielka|członkini|przewodnicząca|wiceprzewodnicząca|prelegentka|panelistka|"
    r"radna|posłanka|senatorka|burmistrzyni|wójtka|prezydentka|wiceprezydentka|marszałkini|starościna|"
    r"sekretarz\s+generalna|redaktorka|dziennikarka|badaczka|socjolożka|psycholożka|prawniczka|pisarka|"
    r"aktywistka|działaczka|trenerka|animatorka|liderka|filozofka|aktorka|doktorantka|studentka|"
    r"kierowniczka|specjalistka|pełnomocniczka|rzeczniczka|nauczycielka|maturzystka|organizatorka|"
    r"wykładowczyni|mentorka|sołtyska|mieszkanka|zastępczyni|facylitatorka|antropolożka|politolożka|"
    r"uczestniczka|współautorka|autorka|koordynatorka|pani|"
    r"naczelna|główna|była|emerytowana")
# Headings of a page or a column that list speakers.
SPEAKERS_HEADING = r"prelegen\w*|prelegentki|mówcy|speakers?|eksperci|ekspertki|goście|gości|paneli\w+"

# Role cues in running prose: (role, pattern source). "mention" marks a person quoted, thanked or only
# referred to; the cue nearest to a name gives its role.
PROSE_CUES: tuple[tuple[str, str], ...] = (
    ("moderator", r"\b(?:po|prze)?prowadzi\w*|\bprzeprowadz\w*|\bprowadząc\w*|\bprowadzeni\w*|\bmoderowa\w*|\bmoderuj\w*|\bmoderator\w*|\bmoderacj\w*"),
    ("guest", r"\bgoś[cć]\w*|\bgwiazd\w*"),
    ("panelist",
     r"\bdo\s+(?:dyskusji|debaty|rozmowy|panelu)\b|\bw\s+(?:\w+\s+)?(?:debacie|dyskusji|panelu|rozmowie)\b"
     r"|\bz\s+udziałem\b|\brozm[oó]w\w*\s+z\b|\bzastanowi\w*\s+się\b|\bzastanawia\w*\s+się\b|\bporozmawia\w*|\bdyskutowa\w*|\bdebatowa\w*"
     r"|\bpanelist\w*|\bdo\s+udziału\s+w\s+(?:\w+\s+){0,3}(?:rozm\w+|debat\w+|dyskusj\w+|panel\w*)|\brozmówc\w*"
     r"|\buczestnik\w*\s+(?:debaty|dyskusji|panelu)\b|\bdyskutant\w*|\bodpowiada\w*"),
    ("speaker",
     r"\bwystąpieni\w*|\bwystąpi\w*|\bwystępuj\w*|\bgłos\s+zabra\w*|\bzabra\w*\s+głos|\bzabior\w*\s+głos|\bgłos\s+\w*\s*zabior\w*"
     r"|\bmówi\w*\s+(?:o|na\s+temat)\b|\bopowiada\w*|\bopowie\w*|\bprzedstawi(?!ciel)\w*|\bzaprezentowa\w*|\bzaprezentuj\w*"
     r"|\bprezentowa\w*|\bwykład\w*|\bprelekcj\w*|\bprelegen\w*|\bprzemówieni\w*|\bprzemawia\w*|\bwypowiedzi\b"
     r"|\breferat\w*|\bkeynote\b|\botworzy\w*|\botwiera\w*|\bzainaugurowa\w*|\bpowita\w*|\bprzywita\w*|\bmówi[łl]\w*|\bpodsumowa\w*"
     r"|\bprezentacj\w*|\bwprowadzeni\w*\s+(?:do|wygłosi)\w*|\bwygłosi\w*"),
    ("mention",
     r"\bpisał\w*|\bnapisał\w*|\bcytuj\w*|\bdziękuj\w*|\bpodziękowa\w*|\bwspomina\w*|\bwspomnia\w*"
     r"|\b(?:zainicjowan|założon|powołan|stworzon|utworzon|ufundowan)\w*\s+przez|\bpatronat\w*|\bpamięci\b"
     r"|\bupamiętni\w*|\bpowiedział\w*|\bpodkreślił\w*|\bzaznaczył\w*|\bstwierdził\w*|\bdodał\w*|\bprzekonywał\w*"
     r"|\bzauważył\w*|\bautor\w*\s+(?:książki|publikacji|ekspertyzy|raportu)|\bzmarł\w*|\bś\.\s*p\."),
)
# Taking part or being invited: a panelist only where the paragraph is about a discussion.
PARTICIPATION = (
    r"\b(?:wzię\w*|wzią\w*|wezm\w*|weźmi\w*|bior\w*|brał\w*)(?:\s+\w+){0,2}\s+udział\b"
    r"|\budział(?:\s+\w+){0,2}\s+(?:wzię\w*|wzią\w*|wezm\w*|weźmi\w*)|\buczestnicz\w*|\budział\s+w\b|\bzasi[ae]d\w*|\bzasiąś\w*"
    r"|\bzasiądą\b|\bw\s+gronie\b|\bwśród\b|\bzaprosz\w*|\bzaprosi\w*")
# Sharing one's experience or thoughts: a turn in a discussion, a talk of one's own elsewhere.
SHARING = r"\b(?:po)?dziel\w*\s+się|\bdzielą\s+się"
# Being present or arriving (`obecność Prezydenta`, `przybędą`, `gwiazdą festiwalu będzie`): a guest of the
# event, or a panelist where the paragraph is about a discussion.
PRESENCE = (r"\bobecnoś\w*|\bprzyby\w+|\bprzybęd\w+|\bprzyjad\w+|\bprzyjecha\w+|\bzaszczyci\w*"
            r"|\bgościł\w*|\bodwiedzi\w*")
# Taking part in an event (not only in a discussion), or being among its named experts or guests: a list of
# people after it takes part (`W spotkaniu wezmą udział A, B i C`, `Wśród zaproszonych ekspertów są: A, B`).
TAKING_PART = (r"\b(?:wzię\w*|wzią\w*|wezm\w*|weźmi\w*)(?:\s+\w+){0,2}\s+udział\b"
               r"|\budział(?:\s+\w+){0,2}\s+(?:wzię\w*|wzią\w*|wezm\w*|weźmi\w*)|\buczestnicz\w*"
               r"|\bwśród\s+(?:\w+\s+){0,2}(?:ekspert\w*|gości|prelegent\w*|panelist\w*|mówców)")
# Words for a discussion (a debate, panel, conversation, workshop).
DISCUSSION = r"\b(?:deba[tc]\w*|dyskusj\w*|panel\w*|rozmow\w*|rozmów\w*|warszta[tc]\w*)"
# Words for a talk of one's own (a lecture, an address), as opposed to speaking in a discussion.
TALK = (r"\bwykład\w*|\bwystąpieni\w*|\bprelekcj\w*|\bprzemówieni\w*|\breferat\w*|\bkeynote\b|\bwygłosi\w*"
        r"|\bprezentacj\w*|\bzaprezentowa\w*")

# --- session formats --------------------------------------------------------------------

# (pattern of the format words at the start of a programme line, normalised format). Checked in order.
SESSION_FORMATS: tuple[tuple[str, str | None], ...] = (
    (r"przegląd\w*\s+dobrych\s+praktyk|prezentacj\w+\s+dobrych\s+praktyk|dobre\s+praktyki", "przegląd dobrych praktyk"),
    (r"keynote(?:\s+speech)?|wystąpieni\w+\s+kluczow\w+", "keynote"),
    (r"panel\w*|dyskusj\w+\s+panelow\w+", "panel"),
    (r"debat\w*", "debata"),
    (r"warsztat\w*", "warsztat"),
    (r"wykład\w*|prelekcj\w*", "wykład"),
    (r"wystąpieni[ae](?!\s+kluczow)", "wystąpienie"),
    (r"sesj[ai](?!\s+równoległ)\w*|spotkanie|rozmowa|dyskusja|blok\s+tematyczny|blok(?=\s+(?:\d|[IVX]+\b))", None),
)
# Format words that announce a session in prose (`panel dyskusyjny „…”`), and the format each stem names.
PROSE_FORMAT_WORD = r"panel\w*|deba[tc]\w*|dyskusj\w*|sesj\w*|warszta[tc]\w*|wykład\w*|rozmow\w*"
PROSE_FORMAT_MODIFIER = (r"dyskusyjn\w*|plenarn\w*|okrągłego\s+stołu|otwierając\w*|zamykając\w*|inauguracyjn\w*|obrady"
                         r"|eksperck\w*|tematyczn\w*")
FORMAT_STEMS: tuple[tuple[str, str], ...] = (("deba", "debata"), ("panel", "panel"), ("warszta", "warsztat"),
                                            ("wykład", "wykład"), ("dyskusj", "debata"), ("rozmow", "debata"))
# Agenda items that are not sessions with speakers.
BREAK_WORDS = r"przerwa\w*|lunch|obiad|kolacja|kawa|coffee\s*break|networking|poczęstunek|spotkani[ea]\s+sieciując\w*"
REGISTRATION_WORDS = r"rejestracja|otwarcie\s+rejestracji|registration"
# Programme lines that are never sessions: places and rooms, time zones, interpretation and streaming
# notes, language lines (`FR:`, `PL:`), closing courtesy sentences.
NOT_SESSION = (r"^(?:sala|aula|scena|room|hall|audytorium|miejsce|budynek|parter|piętro)\b"
               r"|\b(?:CET|CEST|UTC|GMT)\b|\bczas(?:u)?\s+(?:polski\w*|lokaln\w*|środkowoeuropejsk\w*|warszawsk\w*)"
               r"|\btłumaczeni\w*\s+(?:symultaniczn|konsekutywn|na\s+(?:język|polski|angielski|migow))|\btłumacz\w*\s+(?:polskiego\s+)?języka\s+migowego"
               r"|\b(?:simultaneous\s+)?interpretation\b|\btransmisj\w+|\bstreaming\w*|\blivestream|\bna\s+żywo\b|\bonline\s+na\b"
               r"|(?-i:^[A-Z]{2}\s*:)"
               r"|^(?:serdecznie\s+)?zaprasz\w*|^dziękujemy|^do\s+zobaczenia|^z\s+niecierpliwością|^czekamy\b|^pozdrawiamy"
               r"|^zachęcamy|^liczymy\s+na|^zapisy\b|^liczba\s+miejsc|^udział\s+(?:jest\s+)?bezpłatny|^wstęp\s+wolny")

# --- topics -----------------------------------------------------------------------------

# Labels introducing a topic list (`Kluczowe zagadnienia:`, `W programie:`, `Poruszone zostaną:`).
TOPIC_LABELS = (r"(?:kluczowe\s+|główne\s+|najważniejsze\s+|podejmowane\s+|omawiane\s+)?zagadnienia|tematy(?:\s+przewodnie)?|tematyka"
                r"|(?:główne\s+)?wątki|zakres\s+tematyczny|obszary\s+tematyczne|w\s+programie|poruszone\s+zostaną|omówione\s+zostaną"
                r"|poruszymy|omówimy|porozmawiamy\s+o|będziemy\s+rozmawiać\s+o|agenda\s+obejmuje|program\s+obejmuje")
# Nouns for topics in a sentence that introduces a list of them (`Poruszane kwestie … w trzech blokach:`).
TOPIC_NOUNS = r"kwesti|zagadnie|temat|wątk|problem|obszar|blok"
# Phrases after which a sentence gives its subject (`Rozmawiać będziemy o …`, `Tematem przewodnim będzie …`).
TOPIC_VERBS = (r"rozmawiać\s+będziemy\s+o|będziemy\s+rozmawiać\s+o|porozmawiamy\s+o|rozmowa\s+będzie\s+dotyczyć"
               r"|dyskusja\s+(?:będzie\s+)?dotyczy(?:ć|ła)?(?:\s+będzie)?|debata\s+(?:będzie\s+)?dotyczy(?:ć|ła)?(?:\s+będzie)?"
               r"|tematem(?:\s+[a-ząćęłńóśźż]+){0,3}?\s+(?:będzie|był[aoy]?|jest)"
               r"|poświęcon[aey]\s+(?:będzie|będą|był[aoy]?|jest|są)|(?:będzie|będą|był[aoy]?)\s+poświęcon[aey]")

# --- positions and organisations --------------------------------------------------------

# Head nouns of organisation names (lemmas).
ORG_HEADS = frozenset("""
fundacja stowarzyszenie związek departament wydział biuro urząd ministerstwo kancelaria rada izba
instytut ośrodek centrum uniwersytet politechnika akademia szkoła uczelnia biblioteka muzeum dom
fundusz agencja federacja sieć forum koalicja komitet komisja zespół towarzystwo spółdzielnia gmina
miasto powiat województwo starostwo sejmik parlament senat sejm trybunał sąd klub kolegium katedra
zakład pracownia laboratorium obserwatorium grupa organizacja inicjatywa sekretariat konfederacja
partnerstwo porozumienie unia spółka firma bank przedstawicielstwo ambasada dyrekcja inspektorat
kuratorium teatr galeria świetlica przedszkole liceum kościół parafia redakcja gazeta radio telewizja
portal wydawnictwo szpital hospicjum poradnia schronisko dzielnica sołectwo
bractwo zrzeszenie ruch kongregacja instytucja samorząd
sztab dykasteria rektorat kuria kapituła straż komenda koło hufiec chór orkiestra zgromadzenie zakon
nadleśnictwo żłobek diecezja cech kółko harcerstwo drużyna mediateka gazeta tygodnik dziennik wydział
""".split())
# Territorial units that follow another head as its complement (`Urząd Miasta i Gminy X`).
TERRITORIAL = frozenset({"gmina", "miasto", "powiat", "województwo", "dzielnica", "sołectwo"})
# Governing bodies that belong to the position when another organisation follows
# (`Prezes Zarządu Fundacji Rozwoju KUL`: the organisation is the foundation).
BODIES = frozenset({"zarząd", "rada", "komisja", "komitet", "prezydium", "kapituła", "biuro", "wydział", "sekretariat"})
# Heads of a municipality: their office's territorial unit is an organisation (`wójt Gminy Y` -> `Gmina Y`).
MUNICIPAL_HEADS = frozenset({"wójt", "wójtka", "burmistrz", "burmistrzyni", "wiceburmistrz", "prezydent", "prezydentka",
                             "wiceprezydent", "wiceprezydentka", "wicewójt", "sołtys", "sołtyska"})
# The territorial units a municipal head's office names.
MUNICIPALITIES = frozenset({"gmina", "miasto"})
# Positions that create a work or event rather than belong to an organisation.
CREATORS = frozenset({"organizator", "organizatorka", "autor", "autorka", "twórca", "twórczyni", "współtwórca",
                      "współtwórczyni", "inicjator", "inicjatorka", "pomysłodawca", "pomysłodawczyni"})
# Holders of a portfolio (`Minister Cyfryzacji`, `Rzecznik Praw Obywatelskich`): the complement names the office.
PORTFOLIO = frozenset({"minister", "ministra", "wiceminister", "wiceministra", "komisarz", "komisarka", "rzecznik",
                       "rzeczniczka", "pełnomocnik", "pełnomocniczka", "sekretarz", "podsekretarz"})
# Institutions a portfolio holder can belong to (`Rzecznik Prasowy Urzędu Miasta`).
INSTITUTIONS = frozenset({"ministerstwo", "urząd", "kancelaria", "biuro", "departament", "wydział", "fundacja",
                          "stowarzyszenie", "uniwersytet", "instytut", "związek", "izba", "agencja", "centrum"})
# Position nouns (lemmas; feminine forms included where SGJP lemmatises them apart).
POSITIONS = frozenset("""
prezes wiceprezes prezeska wiceprezeska członek członkini przewodniczący przewodnicząca wiceprzewodniczący
wiceprzewodnicząca dyrektor dyrektorka wicedyrektor wicedyrektorka zastępca zastępczyni kierownik kierowniczka
ekspert ekspertka mentor mentorka koordynator koordynatorka specjalista specjalistka burmistrz wiceburmistrz
wójt prezydent wiceprezydent starosta wicestarosta marszałek wicemarszałek radny radna sekretarz skarbnik
założyciel założycielka współzałożyciel współzałożycielka pełnomocnik pełnomocniczka naczelnik naczelniczka
rzecznik rzeczniczka doradca doradczyni analityk analityczka badacz badaczka trener trenerka animator
animatorka lider liderka minister wiceminister poseł posłanka senator senatorka profesor profesorka adiunkt
wykładowca wykładowczyni pracownik pracowniczka redaktor redaktorka dziennikarz dziennikarka prawnik
prawniczka adwokat adwokatka radca radczyni wolontariusz wolontariuszka doktorant doktorantka inspektor
referent szef szefowa sołtys sołtyska właściciel właścicielka menedżer menadżer manager opiekun opiekunka
asystent asystentka reprezentant reprezentantka przedstawiciel przedstawicielka współtwórca współtwórczyni
twórca twórczyni autor autorka socjolog socjolożka politolog politolożka ekonomista ekonomistka urbanista
urbanistka architekt architektka aktywista aktywistka działacz działaczka psycholog psycholożka pedagog
pedagożka nauczyciel nauczycielka bibliotekarz bibliotekarka kurator kuratorka komendant sędzia mediator
mediatorka facylitator facylitatorka ambasador ambasadorka konsul prorektor rektor dziekan prodziekan
kanclerz wojewoda wicewojewoda burmistrzyni wójtka konsultant konsultantka partner partnerka członkinią
edukator edukatorka stażysta stażystka sekretarka premier generał dyplomata publicysta publicystka
filozof filozofka aktor aktorka polityk deputowany deputowana dowódca maturzysta maturzystka organizator
organizatorka inicjator inicjatorka pomysłodawca pomysłodawczyni
""".split())
# Adjectives that open a position (`główny specjalista`, `były prezes`).
POSITION_ADJ = frozenset("""
główny starszy młodszy były pierwszy wieloletni honorowy naczelny emerytowany dawny ówczesny obecny
""".split())
# Word forms of position words Morfeusz lemmatises elsewhere, looked up as written.
POSITION_FORMS = frozenset({"p.o.", "ds.", "dr", "wice"})
# Position words marking a past role: the organisation is no longer a current affiliation.
PAST_POSITION = frozenset({"były", "była", "pierwszy", "pierwsza", "dawny", "dawna", "ówczesny", "ówczesna"})
# Institutions and offices that never carry a patron's name after them: a name after `marszałka Senatu`
# is the marshal's, not part of the body's name (`Fundacja Stefana Batorego` does carry one).
NO_PATRON_HEADS = frozenset({"senat", "sejm", "parlament", "urząd", "ministerstwo", "starostwo", "gmina", "powiat",
                             "województwo", "miasto", "trybunał", "sąd", "rada", "komisja", "komitet", "zarząd",
                             "sejmik", "kancelaria", "departament", "wydział", "biuro", "ambasada"})
# One-person offices that are institutions: `Rzecznik Praw Obywatelskich` is a position and an organisation.
OFFICE_INSTITUTION = r"Rzeczni(?:k|ka|kiem|kowi|czka|czki|czką)\s+Praw\s+[A-ZĄĆĘŁŃÓŚŹŻ]\w+"
# Words that tie a person to an organisation (`związany ze stowarzyszeniem X`, `reprezentujący Y`).
AFFILIATED = r"(?:obecnie\s+)?(?:związan\w+\s+(?:z|ze)|reprezentując\w*|reprezentowan\w*\s+przez)"
# Acronyms of kinds of bodies, not of one organisation (`ekspert sektora NGO`).
GENERIC_ACRONYMS = frozenset({"NGO", "NGOs", "NGO-sów", "JST", "CSO", "OSC", "UE", "EU", "IT", "PR", "HR", "ONZ"})
# Generic nouns written in lower case before an organisation's own name (`z firmy Deloitte`): not part of it.
GENERIC_ORG_NOUNS = r"firm(?:a|ą|y|ie|ę)|spół(?:ka|ką|ki|ce|kę)|organizacj(?:a|ą|i|ę)|instytucj(?:a|ą|i|ę)"
# Company forms that end an organisation's name.
COMPANY_FORMS = r"sp\.\s*z\s*o\.\s*o\.|sp\.\s*k\.|sp\.\s*j\.|sp\.\s*p\.|S\.\s*A\.|s\.\s*c\.|GmbH|Ltd\.?|Inc\.?|LLC"

# --- names ------------------------------------------------------------------------------

# Capitalised words of titles and organisation names that are never first names (lower case).
NOT_FIRST_NAMES = frozenset("""
building bridges civic capital local global open social public democracy forum network smart green digital new
young future common citizen citizens community communities program programme project panel debate workshop session
keynote summit congress conference day welcome coffee lunch break sala aula scena dzień godz godzina sesja debata
wykład warsztat warsztaty przerwa rejestracja otwarcie zamknięcie podsumowanie the and of for in on info point
impact hub lab labs club team house center centre institute university college school foundation association
council union group partners solutions consulting studio media press news online festival fest week camp academy
initiative agency bank fund trust europe european america poland polish warsaw national international world civil
society rights human watch dialog dialogue action active change good better city cities urban rural village youth
women kids children climate energy tech data code creative culture art arts design
""".split())


def never_first_name(word: str) -> bool:
    """True for a capitalised word of a title or an organisation name (`Forum`, `Warsztaty`), never a first name."""
    w = word.lower()
    return w in NOT_FIRST_NAMES or w.startswith("warsztat")
