"""The words that the content checks (``signs``) look for, in English and Swahili.

Pure data. Each list holds words or phrases as readers type them, matched
whole-word after the text is folded (lower case, accents and look-alike
letters undone, disguising spaces and symbols removed): ``mkopo`` matches
"Mkopo", ``whatsapp`` matches "W.h.a.t.s.A.p.p". A phrase ending in ``*``
matches any word starting so (``recover*``: recover, recovery, recovered).

The lists are of kinds of offer, not of brands: an offer that names a new
brand is still a loan, a job or a love spell.
"""

from __future__ import annotations


def _split(words: str) -> list[str]:
    return words.split()


# Words that carry no topic: what every comment shares with every article.
STOPWORDS = frozenset(
    _split(
        """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing done down during
    each even ever every few for from further get gets got had has have having he her here
    hers him his how however i if in into is it its just know like made make many may me
    might more most much must my no nor not now of off on once one only or other our ours
    out over own people really said same say says see she should so some still such than
    that the their theirs them then there these they thing things think this those though
    through to too under until up upon us very was way we well were what when where which
    while who whom why will with would yes yet you your yours today time year years day
    days going want need new good right back first last long little great
    na ya wa za la kwa ni si kwamba lakini au pia hii hiyo hizi hizo huyu yule ile hapa
    pale sasa leo jana kesho sana tu hata kama bado kila mimi wewe yeye sisi nyinyi wao
    yangu yako yake yetu yenu yao wangu wako wake wetu wenu kwenye katika ndani nje juu
    chini baada kabla hadi mpaka tena ndio hapana hakuna kuna iko yuko nini nani lini
    wapi vipi gani kweli hivyo hivi ambayo ambao ambaye ndiyo sawa zaidi kidogo wote yote
    """
    )
)

# Ways of being reached: a message app, or an invitation to write or call.
CONTACT_WORDS = (
    "whatsapp", "whatsap", "watsap", "watsapp", "wasap", "wassap", "whatapp", "telegram",
    "wechat", "viber", "imo", "signal me", "inbox me", "inbox us", "dm me", "dm us", "pm me",
    "text me", "text us", "call me", "call us", "call him", "call her", "call or text",
    "call/text", "call/whatsapp", "contact me", "contact us", "contact him", "contact her",
    "contact dr", "email me", "email him", "email her", "email us", "reach me", "reach him",
    "reach her", "reach us", "write to him", "write to her", "write to me",
    "piga simu", "nipigie", "tupigie", "mpigie", "wasiliana", "tuma ujumbe", "nitumie",
    "tutumie", "mtumie",
)  # fmt: skip

# Number words, for phone numbers spelt out ("zero seven two two …").
NUMBER_WORDS = frozenset(
    _split(
        "zero oh one two three four five six seven eight nine "
        "sifuri moja mbili tatu nne tano sita saba nane tisa"
    )
)

# Kinds of offer spam makes, each with the words that name it.
OFFERS: dict[str, tuple[str, ...]] = {
    "loans": (
        "loan app", "no paperwork", "approved in", "mkopo wa haraka",
        "loan", "loans", "mkopo", "mikopo", "crb", "lender", "lenders", "borrow*", "credit",
        "instant cash", "quick cash", "cash advance", "logbook", "kopesha", "nikopeshe",
    ),
    "jobs": (
        "online tasks", "simple tasks", "stipend", "processing fee", "commission",
        "weekly pay", "send your cv", "how i make", "i make $",
        "work from home", "online job*", "online work", "data entry", "job*", "vacanc*",
        "hiring", "recruit*", "kazi", "ajira", "nafasi za kazi", "part time", "part-time",
        "earn", "earning", "earnings", "salary", "mshahara", "income", "per day", "daily pay",
        "kwa siku", "kila siku", "writers", "transcription", "typing",
    ),
    "account recovery and spying": (
        "spy app", "call logs", "change grades", "change your grade*", "kubadilisha grade",
        "confidential",
        "hacker*", "hack", "hacking", "recover*", "recovery", "lost funds", "stolen funds",
        "scammed", "spy", "spying", "track your", "cheating spouse", "cheating partner",
        "private investigator", "phone monitoring", "access your partner*", "retrieve",
    ),
    "trading and investment": (
        "forex", "crypto*", "bitcoin", "btc", "usdt", "binary option*", "trading", "trader",
        "invest*", "profit*", "returns", "double your", "account manager", "signals",
        "mining", "portfolio", "biashara ya forex", "uwekezaji", "faida",
    ),
    "betting tips": (
        "correct score", "fixed", "aviator", "predictor", "kutabiri",
        "fixed match*", "sure odds", "sure bet*", "betting tips", "bet tips", "jackpot*",
        "odds", "prediction*", "tipster", "vip tips", "mkeka", "mikeka", "bet", "betting",
        "ushindi wa uhakika",
    ),
    "spiritual healing": (
        "mganga", "waganga", "spiritual", "herbalist", "herbal", "love spell*", "spell*",
        "spell caster", "bring back", "lost lover", "ex back", "nguvu za kiume", "mpenzi",
        "kurudisha", "rudisha", "uchawi", "dawa ya", "daktari wa", "native doctor",
        "traditional doctor", "traditional healer", "powers", "charm*", "bahati",
        "pete ya", "witch*", "manhood", "enlarge*", "miujiza", "mvuto", "kienyeji",
        "nyota", "tiba asili", "sangoma", "juju", "magic ring", "talisman",
    ),
    "followers and links": (
        "sponsored post*", "sponsored piece*", "sponsored article*", "do-follow", "dofollow",
        "link insertion",
        "followers", "follower", "likes", "subscribers", "views", "backlink*", "seo",
        "guest post*", "domain authority", "da pa", "traffic", "rank*", "boost your",
        "page one", "first page", "web design", "website design",
    ),
    "prizes": (
        "you have won", "you won", "winner", "prize*", "claim your", "congratulations",
        "reward*", "free airtime", "airtime", "giveaway", "umeshinda", "zawadi", "tuzo",
        "selected", "lucky", "promotion",
    ),
    "dating": (
        "lonely", "single ladies", "single men", "sugar mummy", "sugar mummies",
        "sugar daddy", "sugar daddies", "hookup*", "dating", "meet singles", "date tonight",
        "wapenzi", "mchumba", "marriage partner", "soulmate",
    ),
    "medicine": (
        "pills", "viagra", "cialis", "weight loss", "slimming", "lose weight", "erectile",
        "prescription", "pharmacy", "cure for", "cures", "supplement*", "capsules",
        "dawa ya kupunguza", "kupunguza uzito",
    ),
    "sales": (
        "for hire", "car hire", "delivery", "book now", "bei poa", "available now",
        "for sale", "plots", "plot", "discount*", "order now", "buy", "cheap*", "offer*",
        "promo*", "apply now", "register now", "visa*", "essay*", "assignment*",
        "free delivery", "wholesale", "price list", "bei nafuu", "tunauza", "inauzwa",
        "punguzo", "shop",
    ),
}  # fmt: skip

# Offers ordinary readers talk about too (shops, prices, medicines): they
# count only with an invitation to act.
EVERYDAY_OFFERS = frozenset({"sales", "medicine"})

# Invitations to act: what turns a topic into an offer.
CALLS_TO_ACTION = (
    "visit", "click", "check out", "check it out", "check this out", "check them out",
    "sign up", "signup", "join", "register", "order",
    "apply", "contact", "call", "subscribe", "follow", "inbox", "dm", "message",
    "get yours", "get paid",
    "guaranteed", "guarantee", "100%", "no upfront", "no fee", "free", "limited",
    "hurry", "don't miss", "dont miss", "today only", "act now", "grab", "interested",
    "legit", "testimony", "testify", "thanks to", "tembelea", "bonyeza", "jiunge",
    "jisajili", "pata", "haraka", "uhakika", "wasiliana", "piga",
)  # fmt: skip

# Praise that fits every article, as link droppers write it.
PRAISE = (
    "great post", "great article", "great blog", "great read", "great content",
    "great information", "great info", "great write-up", "great write up", "nice post",
    "nice article", "nice blog", "nice read", "nice information", "nice info",
    "awesome post", "awesome article", "amazing post", "amazing article", "good post",
    "good article", "good read", "wonderful post", "wonderful article", "lovely post",
    "excellent post", "excellent article", "informative post", "informative article",
    "very informative", "so informative", "really informative", "thanks for sharing",
    "thank you for sharing", "thanks for this post", "thanks for the post",
    "thanks for the info", "thanks for the information", "thank you for the information",
    "well written", "well-written", "keep it up", "keep up the good work",
    "keep up the great work", "i really enjoyed", "i enjoyed reading", "enjoyed reading",
    "this is very helpful", "very helpful", "very useful", "useful information",
    "helpful information", "useful post", "helpful post", "nice one", "good job",
    "makala nzuri", "asante kwa kushiriki", "habari nzuri sana", "kazi nzuri",
)  # fmt: skip

# Pointing readers at one's own channel, page or business.
SELF_PROMOTION = (
    "my channel", "my blog", "my website", "my site", "my page", "my video", "my videos",
    "my music", "my song", "my profile", "my shop", "my store", "my business", "my agency",
    "our website", "our site", "our page", "our shop", "our agency", "our channel",
    "subscribe to me", "subscribe to my", "follow me", "follow my", "follow us",
    "check me out", "check my", "visit my", "visit our", "like my", "support my",
    "channel yangu", "ukurasa wangu", "tovuti yetu", "tovuti yangu",
)  # fmt: skip

# Asking readers to come and watch, hear or subscribe to the writer's own
# work: a verb of looking, "my" or "our", up to two words, then the work
# ("check out my new cover video"). Enough on their own: readers who talk
# of their own blog or video do not send the others there.
AUDIENCE_VERBS = (
    "check out", "check", "watch", "look at", "have a look at", "take a look at", "see",
    "view", "listen to", "visit", "go to", "subscribe to", "sub to", "support", "share",
    "please like", "tazama", "angalia", "sikiliza", "tembelea",
)  # fmt: skip
OWN_WORK = (
    "channel", "channels", "video", "videos", "vid", "vids", "vlog", "blog", "page",
    "song", "songs", "music", "cover", "covers", "album", "mixtape", "track", "tracks",
    "rap", "raps", "website", "site", "shop", "store", "profile", "instagram",
    "facebook", "tiktok", "youtube", "twitter", "stream", "podcast",
)  # fmt: skip
# Swahili puts the owner after the work: "video yangu", "ukurasa wetu".
OWN_WORK_SW = ("channel", "video", "ukurasa", "wimbo", "nyimbo", "tovuti", "duka")
OWNERS_SW = ("yangu", "wangu", "zangu", "yetu", "wetu", "zetu")
# Asking for subscribers outright, whatever is subscribed to.
SUBSCRIBER_ASKS = (
    "please subscribe", "pls subscribe", "plz subscribe", "pliz subscribe",
    "subscribe please", "subscribe pls", "subscribe plz", "subscribe to me",
    "subscribe to my", "subscribe to our", "subscribes to me", "sub to me", "sub to my",
    "sub 4 sub", "sub for sub", "subscribe for subscribe", "subscribe me", "subscribe us",
    "subscribe to us", "subscribe back", "come subscribe", "like and subscribe",
    "like & subscribe", "subscribe and like",
)  # fmt: skip

# Phrases no reader writes except to sell: enough on their own.
OUTRIGHT = (
    "fixed matches", "fixed match", "sure odds", "love spell", "love spells",
    "spell caster", "bring back your lover", "bring back your ex", "bring back lost lover",
    "nguvu za kiume", "work from home and earn", "no crb check", "no crb",
    "recover your lost", "recover lost funds", "recover your stolen", "double your money",
    "buy followers", "buy instagram followers", "buy tiktok followers", "guest post",
    "guest posting", "backlinks", "mganga wa kienyeji", "kurudisha mpenzi",
    "rudisha mpenzi", "binary options", "account manager", "hacker for hire",
    "hire a hacker", "ethical hacker", "recovery expert", "cheating spouse",
)  # fmt: skip
