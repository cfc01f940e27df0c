"""Builds Maoni's labelled corpus of reader comments for measuring a spam filter.

Every text in this file is our own writing. The fragments below were written for
Maoni and are combined with a fixed random seed, so the same command always writes
byte-for-byte the same files (standard library only):

    python bench/make_corpus.py              # writes bench/data/comments.jsonl, prints counts
    python bench/make_corpus.py --seed-set   # writes maoni/moderation/data/seed_training.jsonl
    python bench/make_corpus.py --show 10    # also prints 10 random bodies of each label

The seed set is made with another seed and from a reserved share of the fragments
(see Gen.active), and no body in it appears in the bench corpus.
"""

# Fragments read better one to a line, however long the line gets.
# ruff: noqa: E501

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_PATH = ROOT / "bench" / "data" / "comments.jsonl"
SEED_SET_PATH = ROOT / "maoni" / "moderation" / "data" / "seed_training.jsonl"

BENCH_SEED = 20240311
SEED_SET_SEED = 4242
# The share of each pool of four or more fragments kept for the seed set only.
SEED_SHARE = 0.15
TRAIN_SHARE = 0.6

HAM_KINDS: dict[str, int] = {
    "agree": 80,
    "disagree": 80,
    "question": 70,
    "personal-story": 65,
    "correction": 50,
    "joke": 55,
    "angry-but-legit": 75,
    "reply": 75,
    "long-analysis": 55,
    "short": 70,
    "with-legit-link": 55,
    "sheng": 70,
}
SPAM_KINDS: dict[str, int] = {
    "link-spam": 70,
    "seo": 60,
    "scam-job": 75,
    "loan": 70,
    "crypto": 70,
    "casino-betting": 70,
    "pharma": 55,
    "romance": 55,
    "fake-prize": 60,
    "obfuscated": 75,
    "swahili-spam": 70,
    "on-topic-spam": 70,
}
SEED_SET_PER_KIND = 10

ALL4 = {"en": 0.47, "sw": 0.30, "sheng": 0.09, "mixed": 0.14}
HAM_LANGS: dict[str, dict[str, float]] = {
    "agree": ALL4,
    "disagree": ALL4,
    "question": ALL4,
    "personal-story": ALL4,
    "joke": ALL4,
    "angry-but-legit": ALL4,
    "reply": ALL4,
    "correction": {"en": 0.6, "sw": 0.35, "mixed": 0.05},
    "long-analysis": {"en": 0.6, "sw": 0.35, "mixed": 0.05},
    "with-legit-link": {"en": 0.6, "sw": 0.3, "mixed": 0.1},
    "short": {"en": 0.4, "sw": 0.4, "sheng": 0.2},
    "sheng": {"sheng": 0.75, "mixed": 0.25},
}
SPAM_LANGS: dict[str, dict[str, float]] = {
    "link-spam": {"en": 0.85, "mixed": 0.15},
    "seo": {"en": 1.0},
    "scam-job": {"en": 0.6, "mixed": 0.25, "sheng": 0.15},
    "loan": {"en": 0.65, "mixed": 0.25, "sw": 0.1},
    "crypto": {"en": 0.9, "mixed": 0.1},
    "casino-betting": {"en": 0.6, "sheng": 0.2, "mixed": 0.2},
    "pharma": {"en": 0.85, "sw": 0.15},
    "romance": {"en": 0.85, "sw": 0.15},
    "fake-prize": {"en": 0.6, "sw": 0.25, "mixed": 0.15},
    "obfuscated": {"en": 0.85, "mixed": 0.15},
    "swahili-spam": {"sw": 0.8, "sheng": 0.2},
    "on-topic-spam": {"en": 0.55, "sw": 0.25, "mixed": 0.2},
}

# ---------------------------------------------------------------------------
# People. Made-up combinations of common East African names, and handles.

FIRST_NAMES = [
    "Wanjiru",
    "Akinyi",
    "Otieno",
    "Kamau",
    "Njeri",
    "Wambui",
    "Mwangi",
    "Achieng",
    "Odhiambo",
    "Chebet",
    "Kiprono",
    "Cheruiyot",
    "Jepkosgei",
    "Wafula",
    "Nafula",
    "Wekesa",
    "Barasa",
    "Mutua",
    "Mwende",
    "Kioko",
    "Ndinda",
    "Nyambura",
    "Kariuki",
    "Muthoni",
    "Omondi",
    "Adhiambo",
    "Awino",
    "Ochieng",
    "Kibet",
    "Jeruto",
    "Auma",
    "Hassan",
    "Fatuma",
    "Amina",
    "Halima",
    "Mohamed",
    "Abdi",
    "Said",
    "Zawadi",
    "Baraka",
    "Neema",
    "Imani",
    "Rehema",
    "Juma",
    "Salim",
    "Moraa",
    "Kerubo",
    "Nyaboke",
    "Onyango",
    "Makena",
    "Kawira",
    "Gatwiri",
    "Mugo",
    "Njoroge",
    "Kinyua",
    "Lemayian",
    "Naserian",
    "Sankale",
    "Nasimiyu",
    "Simiyu",
    "Kemunto",
    "Bosire",
    "Wairimu",
    "Gitau",
    "Nekesa",
    "Grace",
    "Faith",
    "Brian",
    "Kevin",
    "Dennis",
    "Mercy",
    "Joy",
    "Collins",
    "Esther",
    "Peter",
    "Lucy",
    "Stephen",
    "Caroline",
    "Winnie",
    "Ivy",
    "Sharon",
    "Felix",
    "Victor",
    "Purity",
    "Diana",
    "Eunice",
    "Beatrice",
    "Samuel",
    "Moses",
    "Elijah",
    "Nakato",
    "Mukasa",
    "Namubiru",
    "Mwanaisha",
    "Shabani",
    "Mussa",
    "Tumaini",
    "Pendo",
    "Kahindi",
]
LAST_NAMES = [
    "Kamau",
    "Otieno",
    "Wanjiku",
    "Mwangi",
    "Ochieng",
    "Kiprotich",
    "Chepkoech",
    "Wafula",
    "Mutua",
    "Njoroge",
    "Odhiambo",
    "Kariuki",
    "Ndegwa",
    "Onyango",
    "Barasa",
    "Kimani",
    "Maina",
    "Kiptoo",
    "Rotich",
    "Koech",
    "Langat",
    "Nyaga",
    "Muriuki",
    "Kilonzo",
    "Musyoka",
    "Owino",
    "Okoth",
    "Ali",
    "Omar",
    "Abdullahi",
    "Juma",
    "Mwakilema",
    "Mushi",
    "Ssekandi",
    "Mugisha",
    "Nyamweya",
    "Momanyi",
    "Ogeto",
    "Simiyu",
    "Lusweti",
    "Keter",
    "Korir",
    "Kirui",
    "Mbugua",
    "Gachanja",
    "Baya",
    "Charo",
    "Katana",
    "Kazungu",
    "Oduor",
    "Were",
    "Makokha",
    "Nduta",
    "Wasike",
    "Chelimo",
    "Ruto",
    "Mwita",
    "Marwa",
    "Ngugi",
    "Kinyanjui",
]
HANDLES = [
    "Mzalendo254",
    "Mama Boi",
    "Baba Njeri",
    "Mwananchi",
    "Concerned Citizen",
    "Kijana wa Kisumu",
    "Dunga Boy",
    "MamaMboga_KE",
    "Nduthi Rider",
    "Form Four Parent",
    "Mzee wa Kijiji",
    "WakenyaTuamke",
    "LakesideLass",
    "Eastlands Finest",
    "Teacher Aoko",
    "Daktari Mstaafu",
    "Boda Chairman",
    "Kamkunji Trader",
    "Msafiri",
    "Mkulima Halisi",
    "Githurai45",
    "Rongai Resident",
    "NyakachBoy",
    "Mama Mapacha",
    "Mwalimu Juma",
    "RunnerKE",
    "Mtu wa Ocha",
    "Kondele Kid",
    "Mama Wa Nne",
    "Ahero Rice Farmer",
    "The Realist",
    "Kenyan Abroad",
    "Mpenda Haki",
    "Sauti ya Wanyonge",
    "Mjanja",
    "Kasarani Regular",
    "Manyatta Mum",
    "Kibos Road",
    "Jaber",
    "Madam Chairlady",
]
TITLES = ["Mzee", "Mwalimu", "Pastor", "Engineer", "Teacher", "Sister", "Mama", "Baba", "Daktari"]
HAM_MAIL_DOMAINS = [
    "example.org",
    "example.com",
    "example.net",
    "mail.example.net",
    "mail.example.org",
    "inbox.example.com",
    "example.co.ke",
    "post.example.co.ke",
    "users.example.org",
    "webmail.example.com",
]

# ---------------------------------------------------------------------------
# The twelve made-up articles. Every field holds fragments by language:
# take: opinions; ask: questions; story: first-person experience; joke; fix:
# corrections of the (imagined) article; facts: numeric sentences in reading
# order; actor: who readers blame; links: (domain, path) of sources; short;
# nums: (right, wrong) figure for generic corrections; pivot: where on-topic
# spam turns to its advert.
# mood: "neg", "pos" or "mixed" news, for short reactions and emoji.
# A take that starts with "+" is praise: disagreeing and angry comments skip it.
# {a|b} picks one alternative; <SLOT> is filled in by the generator.

TOPICS: dict[str, dict[str, Any]] = {
    "matatu-fares": {
        "mood": "neg",
        "title": "Matatu fares on Thika Road rise by Sh20 as operators cite diesel costs",
        "take": {
            "en": [
                "The operators have a point, diesel has gone up {three|four} times since January.",
                "Twenty bob more each way is a lot when you earn daily wages.",
                "Fares go up in a day but never come down when fuel drops. Never.",
                "If we had proper commuter trains on {Thika Road|that route} nobody would care what matatus charge.",
                "Peak hour fares are pure exploitation. Same road, same diesel, different price because it is {raining|6pm}.",
                "The real problem is the {cartels|chaos} at the stages, not the fare itself.",
            ],
            "sw": [
                "Nauli ikipanda, bei ya kila kitu inapanda pia.",
                "Wenye matatu hupandisha nauli kila mvua ikinyesha, hii si haki.",
                "Mafuta yakishuka bei, nauli haishuki. Tumeona hii mara ngapi?",
                "Mtu wa kibarua atabaki na nini baada ya kulipa nauli ya shilingi 200 kila siku?",
            ],
            "sheng": [
                "Mat za Githurai zimekuwa noma, soo ni kama nimeenda Nakuru.",
                "Makanga wa saa hizi hawana huruma, mvua ikianza tu fare ni soo na mbao.",
                "Wasee tutaanza kutembea tu, hii fare haiwezekani.",
            ],
            "mixed": [
                "Hii fare ya 100 bob ni too much, hata mshahara haujapanda.",
                "Kila mwezi fare inapanda but salaries zinabaki pale pale.",
            ],
        },
        "ask": {
            "en": [
                "Does the new fare apply to {students|school kids} too?",
                "Who actually approves these fares? Is there any office that checks them?",
                "Will the transport authority publish the approved fares so we can show the makangas?",
            ],
            "sw": [
                "Je, wanafunzi nao watalipa nauli hii mpya?",
                "Nani anaidhinisha nauli hizi? Kuna mamlaka yoyote inayosimamia?",
            ],
            "sheng": ["Kwani hii fare ni ya peak tu ama ni siku nzima?"],
        },
        "story": {
            "en": [
                "I take two matatus to get to work in Industrial Area. That is now Sh{360|400} a day just to earn {700|800}.",
                "Yesterday the makanga raised the fare halfway to town because it started raining. We all just paid.",
                "My daughter walks from Roysambu to save the fare. {Every single day.|She is fourteen.}",
            ],
            "sw": [
                "Mimi hupanda matatu mbili kila siku kwenda kazini. Sasa nusu ya mshahara inaishia kwa nauli.",
                "Jana makanga alitutaka tulipe shilingi 120 kwa sababu ya mvua. Hakuna aliyekataa.",
            ],
            "sheng": [
                "Jana nilishukishwa Roysambu coz sikuwa na ile extra mbao. Nikatembea mpaka keja."
            ],
        },
        "joke": {
            "en": [
                "At this rate the makanga will start charging for {the music|the WiFi that has never worked|the seat belt}.",
                "Soon we will need a loan to go to town and another one to come back.",
            ],
            "sw": ["Hivi karibuni tutalipa nauli kwa awamu kama simu ya mkopo."],
            "sheng": ["Mat ikianza kuuza fare kwa installment nitajua tumefika."],
        },
        "fix": {
            "en": [
                "Small correction: the off-peak fare to Kahawa Wendani was Sh{70|80} before, not Sh90.",
                "The chairman quoted here speaks for the Thika Road sacco, not the national association.",
            ],
            "sw": ["Marekebisho: nauli ya zamani ilikuwa shilingi 80, si 90."],
        },
        "facts": {
            "en": [
                "A casual worker in Githurai makes two trips a day, {five|six} days a week.",
                "At Sh20 more a trip that is about Sh{800|960} extra every month.",
                "On a wage of Sh{15,000|18,000} that is over five percent of income gone on the increase alone.",
                "Meanwhile diesel has gone up about Sh{9|12} a litre, and a 14-seater on this route uses maybe {25|30} litres a day.",
                "So the owner's extra cost is roughly Sh{300|350} a day, while the new fare brings in far more than that from {40|60} passengers.",
            ],
            "sw": [
                "Mfanyakazi wa kibarua hufanya safari mbili kwa siku, siku sita kwa wiki.",
                "Shilingi 20 zaidi kwa kila safari ni karibu shilingi 960 kwa mwezi.",
                "Kwa mshahara wa elfu 15, hiyo ni zaidi ya asilimia 6 ya kipato.",
            ],
        },
        "actor": {
            "en": ["the matatu owners", "the transport authority", "the Ministry of Transport"],
            "sw": ["wenye matatu", "Wizara ya Uchukuzi", "serikali"],
        },
        "links": [
            ("transport.example.go.ke", "notices/{2024|2024-03}/fare-review{|.pdf}"),
            ("nation.example.co.ke", "news/matatu-fares-thika-road-{rise|review}"),
            ("stats.example.org", "cpi/transport/{monthly|2024}"),
        ],
        "short": {
            "en": ["Thika Road commuters are suffering."],
            "sw": ["Tutatembea tu."],
            "sheng": ["Fare ni noma."],
        },
        "nums": {"en": ("Sh100", "Sh110"), "sw": ("Sh100", "Sh110")},
        "pivot": {
            "en": ["Speaking of fares, if you are tired of counting coins at the stage,"],
            "sw": ["Kwa wale wanaoumia na nauli hizi,"],
        },
    },
    "county-budget": {
        "mood": "neg",
        "title": "County assembly passes Sh14.2 billion budget; development gets 31 percent",
        "take": {
            "en": [
                "{Forty-five percent|Almost half the money} on salaries and we wonder why there are no drugs in dispensaries.",
                "The ward development fund sounds nice until you see which wards get the most.",
                "+At least development got over thirty percent this time. Small win.",
                "Car grants for MCAs in a year when {nurses|ECDE teachers} haven't been paid for three months. Wow.",
                "Every year a big budget is passed and every year the roads in my ward look the same.",
                "The public participation was a joke. We got the document two days before the meeting.",
            ],
            "sw": [
                "Bajeti kubwa lakini barabara za mtaani bado ni mashimo matupu.",
                "Asilimia 45 kwa mishahara? Maendeleo yatatoka wapi?",
                "Wananchi hawakushirikishwa ipasavyo, mkutano ulikuwa wa kuonyesha tu.",
            ],
            "sheng": [
                "Hii budget ni ya kulipa wasee wa county tu, sisi tunakula vumbi.",
                "Hizi pesa zitaishia kwa ma-tender za marafiki, mnajua tu.",
                "Billion kumi na nne na bado hakuna maji kwa estate yetu? Wacha tu.",
            ],
            "mixed": [
                "Billion 14 na bado hakuna maji kwa estate yetu? Tell me another one.",
                "Budget ni nzuri on paper, shida ni implementation.",
            ],
        },
        "ask": {
            "en": [
                "How much of last year's development money was actually spent? That's the number I want.",
                "Is the ward fund split equally or by population?",
                "Where can ordinary residents see the line items for their own ward?",
            ],
            "sw": [
                "Je, fedha za maendeleo za mwaka jana zilitumika kiasi gani?",
                "Kila wadi itapata kiasi gani kutoka kwa mfuko huu?",
            ],
            "sheng": ["Kwani hii ward fund inafika kwa ground kweli ama ni story tu?"],
        },
        "story": {
            "en": [
                "I went to the budget hearing at the {social hall|ward office}. We were {thirty|forty} people and half were county staff.",
                "Our dispensary in {Nyalenda|Manyatta} has not had paracetamol since {March|January}. My mother was told to buy it at a chemist.",
            ],
            "sw": [
                "Nilihudhuria kikao cha bajeti kwenye wadi yetu. Tulipewa dakika tatu kila mmoja kuzungumza."
            ],
            "sheng": [
                "Niliend hiyo meeting ya public participation, tukapewa soda na mandazi, maoni yetu hakuna mtu aliandika."
            ],
        },
        "joke": {
            "en": [
                "Line 47: 'Miscellaneous: Sh300 million.' Miscellaneous is doing a lot of work there.",
                "The only thing developing fast in this county is the MCAs' tummies.",
            ],
            "sw": [
                "Bajeti hii ni kama harusi ya kijijini: kila mtu anaalikwa lakini wachache ndio wanakula nyama."
            ],
            "sheng": ["Hii budget ni kama birthday ya mdosi, sisi tunaangalia tu ma-photo."],
        },
        "fix": {
            "en": [
                "The total is Sh14.2 billion, not Sh12.4 billion as the {chart|graphic} says.",
                "Development is 31 percent, the article rounds it to thirty-five in one place.",
            ],
            "sw": ["Marekebisho: bajeti ni bilioni 14.2, si bilioni 12.4."],
        },
        "facts": {
            "en": [
                "Out of Sh14.2 billion, about Sh6.4 billion goes to salaries.",
                "That leaves around Sh{4.4|4.5} billion for development, spread over 35 wards.",
                "Even if shared equally that is roughly Sh{125|128} million a ward, before the big projects take their share.",
                "Last year the county absorbed only {58|61} percent of its development budget.",
                "So realistically a ward will see maybe Sh{70|75} million of actual work.",
            ],
            "sw": [
                "Kati ya bilioni 14.2, karibu bilioni 6.4 zinaenda kwa mishahara.",
                "Mwaka jana kaunti ilitumia asilimia 60 tu ya fedha za maendeleo.",
                "Kwa hiyo kila wadi itaona labda milioni 70 za kazi halisi.",
            ],
        },
        "actor": {
            "en": ["the MCAs", "the governor", "the county executive", "the finance committee"],
            "sw": ["MCA wetu", "gavana", "bunge la kaunti"],
        },
        "links": [
            ("county.example.go.ke", "budget/2024-25/{estimates|approved-estimates}.pdf"),
            ("treasury.example.go.ke", "controller/county-reports/{q2|q3}"),
            ("nation.example.co.ke", "counties/assembly-passes-budget"),
        ],
        "short": {
            "en": ["Same story every year."],
            "sw": ["Tunaomba uwazi."],
            "sheng": ["Doh iko wapi?"],
        },
        "nums": {
            "en": ("Sh14.2 billion", "Sh12.4 billion"),
            "sw": ("bilioni 14.2", "bilioni 12.4"),
        },
        "pivot": {
            "en": ["If the county won't develop your ward, develop your own pocket:"],
            "sw": ["Tusisubiri kaunti, tujiendeleze wenyewe:"],
        },
    },
    "harambee-stars": {
        "mood": "mixed",
        "title": "Harambee Stars held to 1-1 draw at Kasarani in qualifier",
        "take": {
            "en": [
                "The midfield was {lost|asleep} for the whole second half.",
                "We should have killed the game before half-time. {Two|Three} clear chances wasted.",
                "+Give the coach time, this squad is young.",
                "That pitch looked {terrible|like a shamba} on TV. How do you play passing football on that?",
                "Our boys need friendlies against top teams, not village sides.",
                "+The goalkeeper saved us. Man of the match without doubt.",
            ],
            "sw": [
                "Kipindi cha pili tulicheza kama wachezaji hawajuani.",
                "+Kocha apewe muda, timu hii ni changa.",
                "+Kipa wetu ndiye aliyetuokoa leo.",
            ],
            "sheng": [
                "Stars walicheza fiti first half alafu second half wakalala.",
                "Hiyo chance ya dakika ya {thelathini|sabini} hata mimi ningefunga na ndala.",
                "Msee wa kati ni mzito sana, apumzishwe.",
            ],
            "mixed": [
                "Tulicheza well lakini finishing bado ni shida kubwa.",
                "Defence iko solid, shida ni mbele. Hatuna striker wa kweli.",
            ],
        },
        "ask": {
            "en": [
                "When is the return leg? The article doesn't say.",
                "Why was the captain on the bench?",
                "Who decides the ticket prices? Sh{500|1,000} for the terraces is a lot.",
            ],
            "sw": ["Mechi ya marudiano ni lini?", "Kwa nini nahodha hakuanza mechi?"],
            "sheng": ["Mechi inayofuata ni wapi, tunaweza ingia bure?"],
        },
        "story": {
            "en": [
                "I was at Kasarani with my {son|brothers}. {Three|Two} hours in the queue, but that equaliser made it worth it.",
                "I remember watching the Stars at Nyayo in the nineties with my father. The passion is still the same.",
            ],
            "sw": [
                "Nilikuwa uwanjani na kijana wangu. Tulisimama kwenye foleni saa tatu lakini bao lile lilitufurahisha."
            ],
            "sheng": [
                "Tuliangalia na mabeshte kwa base, ile goal ikiingia tuliruka mpaka tukavunja kiti."
            ],
        },
        "joke": {
            "en": [
                "Our strikers treat the goal like a government office: they get close, then turn back.",
                "The ball was more scared of the net than their goalkeeper was.",
            ],
            "sw": ["Washambuliaji wetu wanaogopa goli kama mtu anayeogopa deni."],
            "sheng": ["Striker wetu akiona goli anaanza kuomba kama yuko kanisa."],
        },
        "fix": {
            "en": [
                "The equaliser was in the {78th|79th} minute, not the 87th.",
                "It was a 1-1 draw, the headline on the homepage still says 2-1.",
            ],
            "sw": ["Bao la kusawazisha lilifungwa dakika ya 78, si 87."],
        },
        "facts": {
            "en": [
                "We had {58|61} percent possession but only {three|four} shots on target.",
                "In the last {six|eight} home games we have scored {five|six} goals.",
                "That is less than one goal a game at home, which is not qualification form.",
                "The group leaders have {seven|eight} points and we have {four|five}, with two games left.",
                "Realistically we need to win both and hope for a draw elsewhere.",
            ],
            "sw": [
                "Tulikuwa na mpira kwa asilimia 60 lakini mashuti 3 tu yalilenga lango.",
                "Katika mechi 6 za nyumbani tumefunga mabao 5 tu.",
                "Tunahitaji kushinda mechi 2 zilizobaki na kuomba matokeo mengine yatusaidie.",
            ],
        },
        "actor": {
            "en": ["the federation officials", "the sports ministry", "the football bosses"],
            "sw": ["viongozi wa shirikisho", "wizara ya michezo"],
        },
        "links": [
            ("sports.example.co.ke", "football/harambee-stars-{draw|held}-kasarani"),
            ("stats.example.org", "football/qualifiers/group-{f|standings}"),
            ("nation.example.co.ke", "sports/stars-player-ratings"),
        ],
        "short": {
            "en": ["Go Stars! 🇰🇪"],
            "sw": ["Tulijaribu."],
            "sheng": ["Stars mtupeleke mbali!"],
        },
        "nums": {
            "en": ("the 78th minute", "the 87th minute"),
            "sw": ("dakika ya 78", "dakika ya 87"),
        },
        "pivot": {
            "en": ["Talking of scoring, I actually score every weekend now:"],
            "sw": ["Tukiongea mambo ya kushinda,"],
        },
    },
    "long-rains": {
        "mood": "mixed",
        "title": "Long rains: weather service warns of flooding in Nyando and lakeside wards",
        "take": {
            "en": [
                "Every year the same warning and every year the same people in Nyando lose everything.",
                "The drains in town haven't been cleared since the last rains. We know what will happen.",
                "+Good that the forecast came early. Farmers can plan their planting.",
                "Warnings don't help if there is nowhere for people to move to.",
                "The dykes along the river were supposed to be repaired two years ago.",
            ],
            "sw": [
                "Mvua ni baraka, lakini mitaro yetu imeziba kwa takataka.",
                "+Wakulima wajiandae mapema, tahadhari imetolewa.",
                "Kila mwaka tunaonywa lakini hakuna hatua inayochukuliwa.",
            ],
            "sheng": [
                "Mvua ikinyesha kwa estate yetu tunaanza kuogelea kama samaki.",
                "Ma-drainage hazijaguswa tangu mwaka jana, tutaona maajabu.",
                "Boda wataanza kuchaji double juu ya matope.",
            ],
            "mixed": [
                "Forecast iko sawa but the county haijafanya kitu kuhusu drainage.",
                "+Mvua imekuja early this year, farmers wapande sasa.",
            ],
        },
        "ask": {
            "en": [
                "Which wards exactly are on the high-risk list?",
                "Is there a number to call if the water rises at night?",
                "Should we plant now or wait for the second week?",
            ],
            "sw": [
                "Je, kuna kambi zimeandaliwa kwa watakaohamishwa?",
                "Tupande mahindi sasa au tusubiri?",
            ],
            "sheng": ["Kuna namba ya kupiga maji ikifika kwa nyumba usiku?"],
        },
        "story": {
            "en": [
                "In {2020|2018} the water reached our windows in Kochogo. We slept at the church for {three weeks|a month}.",
                "My shamba in Ahero was under water for two months last year. I lost the whole rice crop.",
            ],
            "sw": [
                "Mwaka juzi maji yaliingia nyumbani kwetu usiku. Tulipoteza kila kitu isipokuwa vyeti vya watoto."
            ],
            "sheng": [
                "Last time mvua ilinyesha nilipoteza TV na mattress, landlord akasema ni shida yangu."
            ],
        },
        "joke": {
            "en": [
                "Our roads are so bad that when it rains the potholes get promoted to fish ponds.",
                "The weather service says heavy rain. My roof told me first.",
            ],
            "sw": ["Mvua ikinyesha, barabara yetu inageuka mto na matatu zinageuka mashua."],
            "sheng": ["Kwa estate yetu mvua ikinyesha unahitaji gumboots na life jacket."],
        },
        "fix": {
            "en": [
                "The warning covers Nyando and Nyakach, the map shows Muhoroni instead.",
                "The forecast says above-normal rainfall, not 'heavy floods'. Please don't cause panic.",
            ],
            "sw": ["Tahadhari ni kwa Nyando na Nyakach, si Muhoroni kama ramani inavyoonyesha."],
        },
        "facts": {
            "en": [
                "The forecast is {120|130} percent of normal rainfall for March to May.",
                "In the last big floods around {5,000|6,000} households were displaced in Nyando alone.",
                "The county has set aside Sh{40|45} million for emergency response.",
                "That is about Sh{8,000|9,000} per household if the same number are displaced, which won't cover much.",
                "Clearing drains before the rains costs a fraction of that.",
            ],
            "sw": [
                "Utabiri ni asilimia 120 ya mvua ya kawaida.",
                "Katika mafuriko makubwa yaliyopita, familia 5,000 zilihamishwa Nyando pekee.",
                "Kaunti imetenga milioni 40 tu kwa dharura.",
            ],
        },
        "actor": {
            "en": [
                "the county government",
                "the disaster management office",
                "the national government",
            ],
            "sw": ["serikali ya kaunti", "serikali"],
        },
        "links": [
            ("meteo.example.go.ke", "forecasts/{mam|march-may}-long-rains"),
            ("county.example.go.ke", "disaster/flood-advisory{|-nyando}"),
            ("habari.example.co.ke", "habari/mvua-ya-masika-tahadhari"),
        ],
        "short": {
            "en": ["Stay safe everyone."],
            "sw": ["Mungu atulinde."],
            "sheng": ["Wasee kaeni rada."],
        },
        "nums": {"en": ("120 percent", "150 percent"), "sw": ("asilimia 120", "asilimia 150")},
        "pivot": {
            "en": ["When it rains it pours, and so can your income:"],
            "sw": ["Kwa wale ambao mvua imewaharibia biashara,"],
        },
    },
    "school-fees": {
        "mood": "neg",
        "title": "Schools told not to send students home over fees as capitation is delayed",
        "take": {
            "en": [
                "Capitation is late every single term and parents are the ones who suffer.",
                "Principals send kids home anyway. A directive on paper means nothing.",
                "Free day secondary is not free once you add lunch, uniform and 'development fees'.",
                "Boarding fees should be capped properly and the cap enforced.",
                "Some schools are charging for things the government already pays for.",
            ],
            "sw": [
                "Elimu bila malipo ni hadithi tu, kila muhula kuna ada mpya.",
                "Wazazi tumechoka kulipa michango isiyoisha.",
                "Serikali ipeleke pesa za shule kwa wakati.",
            ],
            "sheng": [
                "Fees ni noma, wazazi wanauza mpaka kuku.",
                "Ma-principal wanatuma watoto nyumbani hata kama serikali imesema wasitume.",
                "Hii ati free education ni story ya kuuzia wasee.",
            ],
            "mixed": [
                "Free education ni slogan, ukweli ni parents wanalipa kila kitu.",
                "Capitation imechelewa tena, sasa watoto wanarudishwa home.",
            ],
        },
        "ask": {
            "en": [
                "Does the directive cover private schools too?",
                "When exactly will capitation reach the schools?",
                "Where do parents report a principal who sends students home?",
            ],
            "sw": [
                "Mzazi afanye nini mtoto akirudishwa nyumbani kwa sababu ya karo?",
                "Pesa za serikali zitafika shuleni lini?",
            ],
            "sheng": ["Kama principal amefukuza mtoto, tunareport wapi?"],
        },
        "story": {
            "en": [
                "My son was sent home {twice|three times} last term for Sh{2,500|3,000}. He missed {a CAT|his exams}.",
                "I sold my {two goats|dairy cow} in January to pay Form One fees. There is nothing left to sell for second term.",
            ],
            "sw": [
                "Mwanangu alirudishwa nyumbani wiki mbili kwa sababu ya deni la shilingi 3,000."
            ],
            "sheng": [
                "Nilikuwa nafukuzwa shule kila term juu ya fees, sitaki watoto wangu wapitie hiyo."
            ],
        },
        "joke": {
            "en": [
                "At this rate schools will invoice parents for the air students breathe during prep.",
                "Next term: development fee, rehabilitation fee, and a fee for paying fees.",
            ],
            "sw": ["Karibuni shule zitatuma ankara ya hewa wanayopumua wanafunzi."],
            "sheng": ["Next term watatuchaji hadi ya kusoma notice board."],
        },
        "fix": {
            "en": [
                "Capitation per student in day secondary is Sh22,244, not Sh2,244 as written.",
                "The circular is dated the {12th|14th}, not last month.",
            ],
            "sw": ["Fedha za kila mwanafunzi ni shilingi 22,244, si 2,244."],
        },
        "facts": {
            "en": [
                "Capitation for a day secondary student is about Sh22,000 a year.",
                "Only about {half|a third} of the first tranche had reached schools by week four of term.",
                "A school with {800|1,000} students is therefore missing about Sh{5|6} million.",
                "Principals fill that gap by sending students home for 'extra levies'.",
                "The directive won't change that unless the money lands on time.",
            ],
            "sw": [
                "Kila mwanafunzi wa shule ya kutwa anapaswa kupata takriban shilingi 22,000 kwa mwaka.",
                "Kufikia wiki ya nne ya muhula, nusu tu ya pesa ilikuwa imefika.",
                "Shule yenye wanafunzi 800 inakosa karibu milioni 5.",
            ],
        },
        "actor": {
            "en": ["the Ministry of Education", "the principals", "the Cabinet Secretary"],
            "sw": ["Wizara ya Elimu", "walimu wakuu"],
        },
        "links": [
            ("education.example.go.ke", "circulars/{2024|2024-01}/fees-guidelines.pdf"),
            ("nation.example.co.ke", "education/capitation-delay-{schools|parents}"),
            ("stats.example.org", "education/enrolment/secondary"),
        ],
        "short": {
            "en": ["Parents are suffering."],
            "sw": ["Elimu ni ghali sana."],
            "sheng": ["Fees ni noma."],
        },
        "nums": {"en": ("Sh22,244", "Sh2,244"), "sw": ("shilingi 22,244", "shilingi 2,244")},
        "pivot": {
            "en": ["Parents, if fees are giving you sleepless nights,"],
            "sw": ["Wazazi, kama karo inawanyima usingizi,"],
        },
    },
    "fuel-prices": {
        "mood": "neg",
        "title": "Pump prices rise for a third month as diesel passes Sh189",
        "take": {
            "en": [
                "Every fuel increase is a tax on the poor. Transport, food, everything goes up.",
                "The levies make up almost {a third|40 percent} of what we pay at the pump.",
                "Global prices fell last month, so why are ours going up?",
                "Time to invest in {electric bodas|proper public transport}.",
                "The regulator should publish the full price build-up every month, not just the final number.",
            ],
            "sw": [
                "Bei ya mafuta ikipanda, unga na sukari zinafuata.",
                "Kodi kwenye mafuta ni nyingi kuliko bei yenyewe.",
                "Mwananchi wa kawaida ndiye anayeumia kila mara.",
            ],
            "sheng": [
                "Nduthi sai inakula doh mingi kuliko vile inaleta.",
                "Fuel ikipanda, fare inapanda, unga inapanda, alafu salary iko pale pale.",
                "Hii mwezi tutasukuma gari kama mkokoteni.",
            ],
            "mixed": [
                "Fuel prices zinapanda kila mwezi lakini hakuna explanation ya maana.",
                "Kama global prices zimeshuka, why are we paying more?",
            ],
        },
        "ask": {
            "en": [
                "How much of the pump price is tax exactly?",
                "Does this affect kerosene as well?",
                "When is the next review?",
            ],
            "sw": ["Mafuta ya taa nayo yamepanda?", "Bei mpya itatangazwa lini?"],
            "sheng": ["Kwani kerosene nayo imepanda ama ni petrol na diesel tu?"],
        },
        "story": {
            "en": [
                "I ride a boda in {Kondele|Ahero}. I used to fill up for Sh{600|700}, now it's over Sh{800|900} and customers won't pay more.",
                "I drive a delivery van. My boss says the fuel allowance stays the same, so the difference comes from my pocket.",
            ],
            "sw": [
                "Mimi ni dereva wa bodaboda. Zamani nilijaza tanki kwa shilingi 600, sasa ni zaidi ya 800."
            ],
            "sheng": ["Nilikuwa nafanya taxi, nimeamua kupaki gari, fuel inakula kila kitu."],
        },
        "joke": {
            "en": [
                "Soon petrol stations will ask for a payslip before they fill your tank.",
                "My car now runs on prayers and the last Sh200 of fuel.",
            ],
            "sw": [
                "Siku hizi ukiomba lita moja ya mafuta, mhudumu anakuangalia kama umeomba mkopo."
            ],
            "sheng": ["Gari yangu sai ni ya kukaa nje ya keja kama pambo."],
        },
        "fix": {
            "en": [
                "Diesel is Sh189.40 in Nairobi, the table shows the Mombasa price.",
                "The increase is Sh{7|7.50} a litre, not Sh17.",
            ],
            "sw": ["Ongezeko ni shilingi 7 kwa lita, si 17."],
        },
        "facts": {
            "en": [
                "Diesel went up by about Sh7 a litre this month.",
                "A 14-seater uses around {25|30} litres a day, so that's an extra Sh{175|210} daily.",
                "Taxes and levies are roughly {40|42} percent of the pump price.",
                "Cutting even five shillings of levies would cancel most of this increase.",
                "Instead we will see fares and food prices adjust within {a week|days}.",
            ],
            "sw": [
                "Dizeli imepanda kwa karibu shilingi 7 kwa lita mwezi huu.",
                "Kodi na ushuru ni karibu asilimia 40 ya bei ya pampu.",
                "Kupunguza hata shilingi 5 za ushuru kungefuta sehemu kubwa ya ongezeko hili.",
            ],
        },
        "actor": {
            "en": ["the energy regulator", "the Treasury", "the oil marketers"],
            "sw": ["serikali", "Hazina", "wauzaji wa mafuta"],
        },
        "links": [
            ("energy.example.go.ke", "pump-prices/{monthly-review|march-review}"),
            ("stats.example.org", "cpi/fuel-{2024|q1}"),
            ("business.example.co.ke", "markets/pump-prices-third-rise"),
        ],
        "short": {
            "en": ["Another increase 🤦🏾‍♂️"],
            "sw": ["Maisha ni magumu."],
            "sheng": ["Tutasukuma hivyo hivyo."],
        },
        "nums": {
            "en": ("Sh7 a litre", "Sh17 a litre"),
            "sw": ("shilingi 7 kwa lita", "shilingi 17 kwa lita"),
        },
        "pivot": {
            "en": ["With these fuel prices I had to find extra income, so"],
            "sw": ["Kwa bei hizi za mafuta, nililazimika kutafuta kipato cha ziada:"],
        },
    },
    "expressway-tolls": {
        "mood": "neg",
        "title": "Nairobi Expressway tolls to rise by up to 15 percent",
        "take": {
            "en": [
                "The expressway is great if you can afford it. Most of us can't.",
                "+It saves me {40 minutes|an hour} every morning, so the toll is worth it.",
                "We are paying in dollars for a road built on our own land.",
                "Tolls going up while Mombasa Road below is still a parking lot.",
                "The contract should be made public. Who agreed to these increases?",
            ],
            "sw": [
                "Barabara ya juu ni ya matajiri, sisi tunabaki chini kwenye msongamano.",
                "Ushuru unapanda lakini huduma ni ile ile.",
                "Mkataba wa barabara hii uwekwe wazi kwa wananchi.",
            ],
            "sheng": [
                "Hiyo expressway ni ya wadosi, sisi tunakaa kwa jam ya Mombasa Road.",
                "Toll ikipanda tena nitarudi kwa mat tu.",
                "Hii barabara ni fiti lakini bei ni noma.",
            ],
            "mixed": [
                "Expressway ni poa for saving time, lakini hii toll increase ni too much.",
                "Tunalipa in dollars for a road iko kwa nchi yetu? Make it make sense.",
            ],
        },
        "ask": {
            "en": [
                "Is the toll charged in dollars or shillings now?",
                "Will matatus using the expressway raise their fares too?",
                "Who sets the toll rates, the operator or the roads authority?",
            ],
            "sw": ["Je, ushuru huu utaathiri nauli za matatu?", "Nani anaamua viwango vya ushuru?"],
            "sheng": ["Kwani mats za expressway nazo zitaongeza fare?"],
        },
        "story": {
            "en": [
                "I used the expressway daily from Syokimau. I've gone back to the {train|old road} because Sh{600|700} a day adds up.",
                "Last week the barrier at Mlolongo didn't read my tag and I was stuck for {twenty|fifteen} minutes with a queue behind me.",
            ],
            "sw": [
                "Nilikuwa natumia barabara ya juu kila siku, sasa nimerudi kwenye barabara ya chini kuokoa pesa."
            ],
            "sheng": [
                "Nilikuwa naenda job kwa expressway, sai nimerudi Mombasa Road, nakaa kwa jam masaa mbili."
            ],
        },
        "joke": {
            "en": [
                "At this rate the toll will cost more than the car.",
                "Next they'll charge you for looking at the expressway from Mombasa Road.",
            ],
            "sw": ["Karibuni tutalipa ushuru hata kwa kuiangalia barabara ya juu."],
            "sheng": ["Soon watachaji hata ukiangalia hiyo expressway ukiwa kwa jam."],
        },
        "fix": {
            "en": [
                "The maximum toll for small cars is Sh{360|380}, not Sh630.",
                "The increase is up to 15 percent, the headline on the app says 50.",
            ],
            "sw": ["Ongezeko ni hadi asilimia 15, si 50."],
        },
        "facts": {
            "en": [
                "A full-length trip goes from about Sh{320|330} to Sh{370|380} for a small car.",
                "Twice a day for {20|22} working days that is around Sh{16,000|17,000} a month.",
                "That's more than many people's rent in {Syokimau|Kitengela}.",
                "The road carries about {50,000|60,000} vehicles on a busy day.",
                "So the operator's revenue will jump far faster than its costs.",
            ],
            "sw": [
                "Safari kamili itapanda kutoka karibu shilingi 320 hadi 370.",
                "Mara mbili kwa siku kwa siku 22 za kazi ni karibu elfu 16 kwa mwezi.",
                "Hiyo ni zaidi ya kodi ya nyumba ya watu wengi.",
            ],
        },
        "actor": {
            "en": ["the toll operator", "the roads authority", "the Ministry of Roads"],
            "sw": ["mwendeshaji wa barabara", "serikali"],
        },
        "links": [
            ("roads.example.go.ke", "expressway/toll-schedule{|-2024}"),
            ("nation.example.co.ke", "news/expressway-toll-review"),
            ("business.example.co.ke", "transport/expressway-toll-increase"),
        ],
        "short": {
            "en": ["Too expensive."],
            "sw": ["Wacha tu."],
            "sheng": ["Expressway ni ya wenye nazo."],
        },
        "nums": {"en": ("15 percent", "50 percent"), "sw": ("asilimia 15", "asilimia 50")},
        "pivot": {
            "en": ["If you want to afford the expressway every day like me,"],
            "sw": ["Kama unataka kumudu barabara ya juu kila siku,"],
        },
    },
    "maize-prices": {
        "mood": "mixed",
        "title": "Maize prices fall as harvest comes in, but flour stays expensive",
        "take": {
            "en": [
                "Farmers are getting Sh{3,000|3,200} a bag but unga is still Sh{180|200} in the shops. Somebody is eating in between.",
                "Brokers make more money than the farmers who grew the maize.",
                "The cereals board should buy at a fair price and store it properly.",
                "Imports at harvest time kill local farmers every single year.",
                "+Good news for consumers, finally. Let's see if the millers pass it on.",
            ],
            "sw": [
                "Mkulima anauza gunia kwa bei ya kutupa, lakini unga dukani bado ni ghali.",
                "Mawakala ndio wanaofaidika, si mkulima.",
                "Serikali inunue mahindi kwa bei nzuri.",
            ],
            "sheng": [
                "Unga bado ni two hundred bob, hii ati bei imeshuka ni wapi?",
                "Wasee wa ocha wanauza mahindi kwa hasara, alafu sisi town tunanunua unga bei ya juu.",
                "Ma-broker ndio wanakula doh yote.",
            ],
            "mixed": [
                "Bei ya mahindi imeshuka lakini unga price bado iko juu, explain that.",
                "Farmers wanalia, consumers wanalia, only brokers wako happy.",
            ],
        },
        "ask": {
            "en": [
                "Why hasn't the flour price dropped if maize is cheaper?",
                "Is the cereals board buying this season, and at what price?",
                "Are the imports still coming in duty-free?",
            ],
            "sw": [
                "Bodi ya nafaka inanunua gunia kwa bei gani mwaka huu?",
                "Kwa nini bei ya unga haijashuka?",
            ],
            "sheng": ["Kwani unga itashuka lini ama ni story?"],
        },
        "story": {
            "en": [
                "My father harvested {40|60} bags in Kitale this year. The broker offered Sh{2,800|3,000}. Fertiliser alone cost more than that per acre.",
                "We stored our maize last year hoping prices would rise. Weevils got a third of it.",
            ],
            "sw": [
                "Mwaka huu nilivuna magunia 30, lakini dalali alinipa shilingi 2,800 tu kwa gunia."
            ],
            "sheng": [
                "Mzee wangu ocha amekataa kuuza, anasema atakaa na mahindi mpaka bei ipande."
            ],
        },
        "joke": {
            "en": [
                "Unga is so expensive my chapati has started asking for a payslip.",
                "The only thing falling faster than maize prices is farmers' hope.",
            ],
            "sw": ["Ugali sasa ni chakula cha sikukuu, siku za kawaida tunakula matumaini."],
            "sheng": ["Sai ugali ni luxury, tunakula chai na hope."],
        },
        "fix": {
            "en": [
                "The board's buying price is Sh3,500 a bag, not Sh5,300.",
                "A bag is 90kg, the article says 50kg.",
            ],
            "sw": ["Gunia ni kilo 90, si kilo 50."],
        },
        "facts": {
            "en": [
                "A 90kg bag is going for about Sh3,000 at the farm gate.",
                "That is roughly Sh33 a kilo of maize.",
                "A 2kg packet of flour needs maybe Sh{70|75} worth of grain.",
                "Yet the packet sells at Sh{180|190} in most shops.",
                "Milling, packaging and transport don't cost Sh100 a packet.",
            ],
            "sw": [
                "Gunia la kilo 90 linauzwa karibu shilingi 3,000 shambani.",
                "Hiyo ni karibu shilingi 33 kwa kilo.",
                "Lakini pakiti ya unga ya kilo 2 bado inauzwa shilingi 180.",
            ],
        },
        "actor": {
            "en": ["the cereals board", "the millers", "the Ministry of Agriculture"],
            "sw": ["bodi ya nafaka", "wasagaji", "mawakala"],
        },
        "links": [
            ("kilimo.example.go.ke", "market-prices/maize{|-weekly}"),
            ("stats.example.org", "prices/food-basket/{march|q1}"),
            ("farmers.example.co.ke", "markets/maize-harvest-prices"),
        ],
        "short": {
            "en": ["Farmers always lose."],
            "sw": ["Unga bei gani sasa?"],
            "sheng": ["Ugali ni luxury sai."],
        },
        "nums": {"en": ("Sh3,500", "Sh5,300"), "sw": ("shilingi 3,500", "shilingi 5,300")},
        "pivot": {
            "en": ["Farmers, stop waiting for the board to save you,"],
            "sw": ["Wakulima, msisubiri bodi iwaokoe,"],
        },
    },
    "marathon": {
        "mood": "pos",
        "title": "Kisumu City Marathon: local runners sweep the podium",
        "take": {
            "en": [
                "+Proud of our runners, what a finish!",
                "The organisers need to sort out the water points. Some ran dry {after 20km|by 25km}.",
                "Prize money for the women's race should be equal to the men's.",
                "+Great for the city. Hotels were full the whole weekend.",
                "Road closures were announced too late and the whole town was jammed.",
            ],
            "sw": [
                "+Hongera kwa wanariadha wetu, mmetuletea heshima.",
                "Waandalizi waboreshe vituo vya maji mwakani.",
                "Zawadi za wanawake ziwe sawa na za wanaume.",
            ],
            "sheng": [
                "+Hiyo finish ya mwisho ilikuwa moto, msee alisprint kama nduthi.",
                "Barabara zilifungwa bila notice, tukakwama town masaa mbili.",
                "+Next year nitakimbia hata ile ya 10km.",
            ],
            "mixed": [
                "Marathon ilikuwa poa sana, lakini road closures zilichanganya kila mtu.",
                "+Hongera kwa winners, Kisumu ina talent mingi.",
            ],
        },
        "ask": {
            "en": [
                "How much prize money did the winner get?",
                "When does registration open for next year?",
                "Were the times official? 2:09 on that course sounds fast.",
            ],
            "sw": [
                "Usajili wa mwaka ujao utafunguliwa lini?",
                "Mshindi alipata zawadi ya kiasi gani?",
            ],
            "sheng": ["Ile ya 10km ni ya kila mtu ama ni ya ma-pro tu?"],
        },
        "story": {
            "en": [
                "I ran the half marathon, my first ever. {2:14|2:21}. My legs are finished but I'm so happy.",
                "Cheered from Oginga Odinga Street with my kids. Now they both want to be runners.",
            ],
            "sw": [
                "Nilikimbia nusu marathon kwa mara ya kwanza. Miguu inauma lakini moyo una furaha."
            ],
            "sheng": [
                "Nilijaribu ile 10km, nikamaliza nikitembea lakini nilimaliza, hiyo ndio maana."
            ],
        },
        "joke": {
            "en": [
                "I also ran a marathon this weekend: from my bed to the TV and back, several times.",
                "Those runners were faster than my internet.",
            ],
            "sw": ["Mimi nilikimbia marathon yangu: kumfukuza kondakta aliyenipa chenji pungufu."],
            "sheng": ["Mimi hukimbia tu nikifukuzwa na kanjo."],
        },
        "fix": {
            "en": [
                "The winning time was 2:09:41, not 2:19:41.",
                "The women's winner is from Nandi, not Elgeyo Marakwet.",
            ],
            "sw": ["Muda wa mshindi ulikuwa 2:09:41, si 2:19:41."],
        },
        "facts": {
            "en": [
                "The winner ran 2:09:41, which is about {3:04|3:05} per kilometre.",
                "That's on a course with {two|three} long climbs near the end.",
                "There were around {4,000|4,500} runners across all races this year.",
                "That's up from about {2,500|2,800} last year.",
                "If each visitor spent even Sh{3,000|5,000} in town, that's millions for local businesses.",
            ],
            "sw": [
                "Mshindi alikimbia kwa saa 2, dakika 9 na sekunde 41.",
                "Mwaka huu kulikuwa na wakimbiaji karibu 4,000.",
                "Mwaka jana walikuwa 2,500 tu.",
            ],
        },
        "actor": {
            "en": ["the organisers", "the athletics officials", "the county"],
            "sw": ["waandalizi", "viongozi wa riadha"],
        },
        "links": [
            ("athletics.example.org", "results/kisumu-city-marathon{|-2024}"),
            ("sports.example.co.ke", "athletics/kisumu-marathon-podium"),
            ("county.example.go.ke", "notices/marathon-road-closures"),
        ],
        "short": {
            "en": ["Congratulations to the winners! 🏃🏾‍♀️"],
            "sw": ["Hongereni sana!"],
            "sheng": ["Wasee wa Kisumu ni moto!"],
        },
        "nums": {"en": ("2:09:41", "2:19:41"), "sw": ("2:09:41", "2:19:41")},
        "pivot": {
            "en": ["Talking of winning,"],
            "sw": ["Tukiongea kuhusu ushindi,"],
        },
    },
    "hospital-wing": {
        "mood": "pos",
        "title": "New maternity wing opens at county referral hospital",
        "take": {
            "en": [
                "A new building is nice but where are the nurses to run it?",
                "+Finally mothers won't have to share beds. Long overdue.",
                "Equipment first, ribbon-cutting later.",
                "Hope the theatre is actually working this time and not just for the photos.",
                "+Congratulations to the health workers who pushed for this.",
            ],
            "sw": [
                "Jengo jipya ni zuri, lakini wauguzi wako wapi?",
                "+Kina mama sasa hawatalala wawili kitanda kimoja.",
                "Dawa na vifaa vipatikane, si jengo tu.",
            ],
            "sheng": [
                "Hii wing ni fiti, tu waongeze manurse.",
                "Last time tuliambiwa kuna machine mpya, tukafika tukaambiwa iko spoilt.",
                "Tunataka service si ma-photo za ribbon.",
            ],
            "mixed": [
                "Maternity wing mpya ni good news lakini staff shortage bado iko.",
                "Jengo ni smart, sasa waajiri madaktari.",
            ],
        },
        "ask": {
            "en": [
                "How many beds does the new wing have?",
                "Will it have a newborn unit?",
                "Is delivery free there under the new health insurance?",
            ],
            "sw": ["Wodi mpya ina vitanda vingapi?", "Huduma ni bure kwa kina mama?"],
            "sheng": ["Kuna incubator ama ni jengo tu?"],
        },
        "story": {
            "en": [
                "My wife gave birth there in {2022|2021}. She shared a bed with another mother for {two|three} nights.",
                "I'm a nurse at a sub-county hospital. We do {twelve|fourteen}-hour shifts because there are only {three|four} of us on nights.",
            ],
            "sw": [
                "Mke wangu alijifungua pale mwaka juzi. Walilala wawili kitanda kimoja siku tatu."
            ],
            "sheng": ["Sister yangu alizaa hapo, tulinunua gloves na cotton wool wenyewe."],
        },
        "joke": {
            "en": [
                "The ribbon was cut so well. If only they could cut waiting times like that.",
                "The building has better paint than the hospital has doctors.",
            ],
            "sw": ["Jengo lina rangi nzuri kuliko hata huduma yenyewe."],
            "sheng": ["Hii wing imepakwa rangi fiti, sasa tupakwe huduma pia."],
        },
        "fix": {
            "en": [
                "The wing has 120 beds, not 210.",
                "It was funded by the county and a development partner, not the national government.",
            ],
            "sw": ["Wodi ina vitanda 120, si 210."],
        },
        "facts": {
            "en": [
                "The new wing adds 120 beds.",
                "The hospital delivers about {700|800} babies a month.",
                "The recommended ratio in labour wards is one midwife to {two|three} women in labour.",
                "The hospital has roughly {30|35} midwives across all shifts.",
                "Without hiring, the new beds will simply stretch the same staff thinner.",
            ],
            "sw": [
                "Wodi mpya inaongeza vitanda 120.",
                "Hospitali inazalisha karibu watoto 700 kila mwezi.",
                "Bila kuajiri wakunga zaidi, vitanda hivi vitawaongezea kazi walio nao.",
            ],
        },
        "actor": {
            "en": ["the county health department", "the contractor", "the health ministry"],
            "sw": ["idara ya afya ya kaunti", "mkandarasi"],
        },
        "links": [
            ("health.example.go.ke", "facilities/referral-hospital/maternity{|-wing}"),
            ("county.example.go.ke", "news/maternity-wing-opened"),
            ("stats.example.org", "health/births-{county|2023}"),
        ],
        "short": {
            "en": ["Good news finally."],
            "sw": ["Asante kwa habari."],
            "sheng": ["Hii ni fiti."],
        },
        "nums": {"en": ("120 beds", "210 beds"), "sw": ("vitanda 120", "vitanda 210")},
        "pivot": {
            "en": ["Health is wealth, and speaking of wealth,"],
            "sw": ["Afya ni mali, na tukiongea kuhusu mali,"],
        },
    },
    "elections-tallying": {
        "mood": "neg",
        "title": "By-election tallying delayed as results forms are questioned",
        "take": {
            "en": [
                "If the forms are online, why is tallying taking three days?",
                "Agents should be allowed to photograph every form at the polling station.",
                "Every delay breeds suspicion. The commission should explain itself in public.",
                "Both sides are claiming victory before a single result is declared. Typical.",
                "Turnout was low, and honestly I understand why.",
            ],
            "sw": [
                "Kuchelewa kwa matokeo kunazua wasiwasi kwa wananchi.",
                "Tume itangaze matokeo kwa uwazi na haraka.",
                "Wanasiasa watulie, wasubiri matokeo rasmi.",
            ],
            "sheng": [
                "Tallying inachukua time mingi kuliko vile tulivote.",
                "Hawa wanasiasa wanajitangaza washindi kabla hata kura kuhesabiwa.",
                "Mimi sikuvote, hakuna kitu inabadilika.",
            ],
            "mixed": [
                "Tallying delays zinaleta doubt, tume iwe transparent.",
                "Forms ziko online but bado tunangoja results, why?",
            ],
        },
        "ask": {
            "en": [
                "Where can we see the scanned forms for each polling station?",
                "How many polling stations are still outstanding?",
                "Was turnout higher than at the last by-election?",
            ],
            "sw": [
                "Fomu za vituo vyote zinapatikana wapi?",
                "Vituo vingapi bado havijawasilisha matokeo?",
            ],
            "sheng": ["Results zitatoka lini jo?"],
        },
        "story": {
            "en": [
                "I was a presiding officer in 2022. The forms are simple, delays usually come from {transport|network}, not fraud.",
                "I voted at {7am|6:30am}, the kit failed and we waited {two hours|an hour and a half}. Many people went home.",
            ],
            "sw": ["Nilipiga kura asubuhi, mashine ikaharibika, tukasubiri saa mbili."],
            "sheng": ["Nilifika polling station early, nikapata foleni ni ya wasee watano tu."],
        },
        "joke": {
            "en": [
                "Tallying is taking longer than building the expressway.",
                "By the time they announce the winner it will be time for the next election.",
            ],
            "sw": ["Matokeo yakichelewa hivi, tutapiga kura tena kabla hayajatangazwa."],
            "sheng": ["Hii tallying ni slow kuliko mat ya Githurai ikiwa kwa jam."],
        },
        "fix": {
            "en": [
                "Turnout was 38 percent, not 83.",
                "The returning officer is based in Kondele, not Nyalenda.",
            ],
            "sw": ["Waliojitokeza ni asilimia 38, si 83."],
        },
        "facts": {
            "en": [
                "There are {142|148} polling stations in the constituency.",
                "By Thursday morning only {118|121} had been verified.",
                "Turnout was about 38 percent of {96,000|101,000} registered voters.",
                "That's fewer than {37,000|39,000} votes to count, which shouldn't take three days.",
                "Transparency would end the rumours faster than any press statement.",
            ],
            "sw": [
                "Kuna vituo 142 katika eneo bunge hili.",
                "Kufikia Alhamisi asubuhi, vituo 118 tu vilikuwa vimethibitishwa.",
                "Waliojitokeza ni asilimia 38 tu ya wapiga kura.",
            ],
        },
        "actor": {
            "en": ["the electoral commission", "the politicians", "the returning officer"],
            "sw": ["tume ya uchaguzi", "wanasiasa"],
        },
        "links": [
            ("elections.example.go.ke", "results/by-election/forms{|-34a}"),
            ("stats.example.org", "elections/turnout-{history|by-elections}"),
            ("nation.example.co.ke", "politics/by-election-tallying-delay"),
        ],
        "short": {"en": ["Peace first."], "sw": ["Amani ni muhimu."], "sheng": ["Tunangoja tu."]},
        "nums": {"en": ("38 percent", "83 percent"), "sw": ("asilimia 38", "asilimia 83")},
        "pivot": {
            "en": ["While we wait for results, here's a result that actually pays:"],
            "sw": ["Tukisubiri matokeo,"],
        },
    },
    "music-festival": {
        "mood": "pos",
        "title": "Lakeside music festival draws 20,000 over the weekend",
        "take": {
            "en": [
                "+Best weekend Kisumu has had in years. The vibe was unmatched.",
                "Local artists should get the same stage time as the headliners.",
                "Security at the gate was chaotic on Saturday night.",
                "+Ticket prices were fair compared to Nairobi shows.",
                "The noise went on until 3am. Some of us had work on Monday.",
            ],
            "sw": [
                "+Tamasha lilikuwa zuri sana, wasanii wa nyumbani walifanya kazi nzuri.",
                "Usalama langoni ulihitaji kuboreshwa.",
                "+Tunaomba tamasha hili liwe kila mwaka.",
            ],
            "sheng": [
                "+Festival ilikuwa moto sana, vibe ilikuwa ya kiwango ingine.",
                "+Ma-artist wa Kisumu walibamba kuliko wale wa Nai.",
                "Tickets zilikuwa poa lakini foleni ya gate ilikuwa noma.",
            ],
            "mixed": [
                "Festival ilikuwa lit but security ilikuwa chaos kwa gate.",
                "Local artists walishow up, next year wapewe more time.",
            ],
        },
        "ask": {
            "en": [
                "Will there be a second edition next year?",
                "Who were the organisers? Was the county involved?",
                "Where can we watch the full performances?",
            ],
            "sw": ["Tamasha lijalo litakuwa lini?", "Tiketi zilikuwa bei gani?"],
            "sheng": ["Next year itakuwa lini, nataka kuplan mapema."],
        },
        "story": {
            "en": [
                "I sold {samosas|smokies} outside the gate and made more in two nights than in a normal month.",
                "We drove from Kakamega for Saturday. Worth every shilling, even the {three-hour|four-hour} drive back.",
            ],
            "sw": ["Nilikuwa nauza chakula nje ya lango, nilipata faida nzuri kwa siku mbili."],
            "sheng": ["Nilienda na crew yangu, tukadance mpaka saa kumi, sai sauti imeisha."],
        },
        "joke": {
            "en": [
                "My ears are still at the festival, I came home without them.",
                "The DJ played so long the fish in the lake started dancing.",
            ],
            "sw": ["Muziki ulikuwa mkubwa mpaka samaki wa ziwani walianza kucheza."],
            "sheng": ["DJ alibamba mpaka mama mboga wa gate akaanza kudance."],
        },
        "fix": {
            "en": [
                "Attendance was around 20,000 over two days, not per day.",
                "The headliner performed on Sunday, not Saturday.",
            ],
            "sw": ["Waliohudhuria walikuwa 20,000 kwa siku mbili, si kwa siku moja."],
        },
        "facts": {
            "en": [
                "Organisers say about 20,000 people attended over two days.",
                "With tickets at Sh{1,000|1,500} that's at least Sh{20|30} million at the gate.",
                "Hotels reported {90|95} percent occupancy for the weekend.",
                "Add food, transport and drinks and the town probably made {three|four} times the ticket money.",
                "The county should back it properly instead of just sending askaris.",
            ],
            "sw": [
                "Waandalizi wanasema watu 20,000 walihudhuria kwa siku mbili.",
                "Hoteli zilijaa kwa asilimia 90.",
                "Biashara ndogo ndogo zilipata faida kubwa wikendi hiyo.",
            ],
        },
        "actor": {
            "en": ["the organisers", "the county tourism office", "the police"],
            "sw": ["waandalizi", "kaunti"],
        },
        "links": [
            ("county.example.go.ke", "tourism/lakeside-festival{|-2024}"),
            ("entertainment.example.co.ke", "music/lakeside-festival-review"),
            ("stats.example.org", "tourism/hotel-occupancy-{march|q1}"),
        ],
        "short": {
            "en": ["Best weekend!"],
            "sw": ["Tulifurahi sana."],
            "sheng": ["Vibe ilikuwa moto 🔥"],
        },
        "nums": {"en": ("20,000", "200,000"), "sw": ("20,000", "200,000")},
        "pivot": {
            "en": ["If you enjoyed the weekend and want every weekend to pay for itself,"],
            "sw": ["Kama ulifurahia wikendi na unataka pesa ya starehe kila wiki,"],
        },
    },
}

# Four more made-up articles, used only by the seed set, so its ham shares no
# topic sentence with the bench corpus.
SEED_TOPICS: dict[str, dict[str, Any]] = {
    "water-rationing": {
        "mood": "neg",
        "title": "Water rationing in Kisumu estates after intake pumps break down",
        "take": {
            "en": [
                "+Good that they published a schedule. At least we can plan.",
                "Three days without water in Nyamasaria and the bills still come in full.",
                "We live next to the biggest lake in the country and we are buying water from handcarts.",
                "The pumps break down every dry season. Where is the maintenance budget going?",
                "Vendors are charging Sh{30|50} a jerrycan since the rationing started. Someone is benefiting.",
            ],
            "sw": [
                "Tunaishi karibu na ziwa lakini maji ya bomba ni ndoto.",
                "Bili za maji zinakuja kamili hata kama bomba ni kavu wiki nzima.",
                "+Angalau ratiba imetolewa, tutajipanga.",
            ],
            "sheng": [
                "Mtaa yetu bomba imekauka tangu Monday, mkokoteni wanauza jerrican finje.",
                "Hawa wasee wa maji wanajua tu kutuma bill.",
                "Tunaoga kwa kikombe sai, hii si maisha.",
            ],
            "mixed": [
                "Ratiba iko online but haifuatwi, leo ilikuwa zamu yetu na hakuna maji.",
                "Bill ya maji ni full but supply ni half, explain.",
            ],
        },
        "ask": {
            "en": [
                "Which estates get water on Tuesdays?",
                "Will the bills be adjusted for the days without supply?",
                "How long will the pump repairs take?",
            ],
            "sw": ["Ratiba kamili inapatikana wapi?", "Bili za mwezi huu zitapunguzwa?"],
            "sheng": ["Kwani maji itarudi lini kwa Manyatta?"],
        },
        "story": {
            "en": [
                "I carried water up three floors at 5am before work today. My back is finished.",
                "Our school sent the children home at noon because the toilets had no water.",
            ],
            "sw": ["Jana nilipanga foleni kwenye kioski cha maji kwa saa mbili."],
            "sheng": ["Nimeenda job bila kuoga mara mbili wiki hii, aibu tupu."],
        },
        "joke": {
            "en": [
                "At this point I shower with a wet wipe and a prayer.",
                "The only thing flowing from our taps is air.",
            ],
            "sw": ["Bomba letu sasa ni pambo la ukutani."],
            "sheng": ["Bomba ya keja imekuwa decoration, ukiifungua inakohoa tu."],
        },
        "fix": {
            "en": [
                "The rationing starts on Monday the 4th, not the 14th.",
                "Nyamasaria is in Kisumu East, not Kisumu Central.",
            ],
            "sw": ["Mgao unaanza Jumatatu tarehe 4, si 14."],
        },
        "facts": {
            "en": [
                "The company pumps about {40,000|45,000} cubic metres a day when both pumps work.",
                "With one pump down, supply has dropped by roughly {40|45} percent.",
                "Demand in the city is estimated at over {60,000|65,000} cubic metres a day.",
                "So even at full capacity there was already a shortfall of about a third.",
                "Fixing the pump only takes us back to the old shortage.",
            ],
            "sw": [
                "Kampuni husukuma karibu mita za ujazo 40,000 kwa siku pampu zote zikifanya kazi.",
                "Pampu moja ikiharibika, maji hupungua kwa asilimia 40.",
                "Mahitaji ya jiji ni zaidi ya mita za ujazo 60,000 kwa siku.",
            ],
        },
        "actor": {
            "en": ["the water company", "the county", "the water board"],
            "sw": ["kampuni ya maji", "kaunti"],
        },
        "links": [
            ("water.example.go.ke", "notices/rationing-schedule{|.pdf}"),
            ("habari.example.co.ke", "kisumu/mgao-wa-maji"),
            ("stats.example.org", "water/supply-{2024|monthly}"),
        ],
        "short": {
            "en": ["We need water, not excuses."],
            "sw": ["Maji ni uhai."],
            "sheng": ["Bomba ni kavu."],
        },
        "nums": {"en": ("Monday the 4th", "Monday the 14th"), "sw": ("tarehe 4", "tarehe 14")},
        "pivot": {
            "en": ["Since we are all buying water anyway,"],
            "sw": ["Kwa kuwa sote tunanunua maji,"],
        },
    },
    "boda-crackdown": {
        "mood": "mixed",
        "title": "Police impound 300 boda bodas in Kisumu CBD crackdown",
        "take": {
            "en": [
                "+Finally. Half of them ride on pavements and against traffic.",
                "Impounding 300 bikes means 300 families without income this week.",
                "Crackdowns come and go. Give riders proper stages and enforce the rules every day.",
                "The fine is Sh{10,000|15,000}. That's more than a rider makes in two weeks.",
                "+Helmets and reflectors should be the minimum. Good that they are enforcing it.",
            ],
            "sw": [
                "+Waendesha bodaboda wengine hawaheshimu sheria kabisa.",
                "Msako huu ni wa kukusanya hongo tu.",
                "Vijana hawa wanategemea pikipiki kulisha familia.",
            ],
            "sheng": [
                "Karao wameamka, kila stage ni kuitisha kitu kidogo.",
                "Nduthi ikishikwa, mwezi mzima hakuna doh.",
                "+Wasee wa nduthi wengine wanapita red light kama hawaoni.",
            ],
            "mixed": [
                "Crackdown ni sawa but why target riders only, matatus pia zinavunja sheria.",
                "+Sheria ifuatwe, lakini kwa haki, not kukamata tu.",
            ],
        },
        "ask": {
            "en": [
                "Where do riders go to recover an impounded bike?",
                "Is the fine paid in court or at the station?",
                "Were private cars also checked?",
            ],
            "sw": ["Pikipiki zilizokamatwa zinarudishwa vipi?", "Faini ni shilingi ngapi?"],
            "sheng": ["Kama nduthi imeshikwa, unaenda wapi kuitoa?"],
        },
        "story": {
            "en": [
                "My brother's bike was taken on Tuesday. He had a licence and a helmet; they said his reflector jacket was the wrong colour.",
                "I was hit by a boda in town last year. I support the crackdown, honestly.",
            ],
            "sw": ["Pikipiki ya jirani yangu ilikamatwa, sasa familia yake haina chakula."],
            "sheng": [
                "Nilikuwa nimebeba mteja, karao wakanishika, nikatoa kitu kidogo nikaachiliwa."
            ],
        },
        "joke": {
            "en": [
                "The only thing faster than a boda in town is the policeman who spots one without a helmet.",
                "Three hundred bikes impounded. The station now looks like a motorbike showroom.",
            ],
            "sw": ["Kituo cha polisi sasa kimekuwa duka la pikipiki."],
            "sheng": ["Karao wakiona nduthi wanaona ATM."],
        },
        "fix": {
            "en": [
                "300 bikes were impounded over two days, not in one morning.",
                "The operation covered the CBD only, not Kondele.",
            ],
            "sw": ["Pikipiki 300 zilikamatwa kwa siku mbili, si asubuhi moja."],
        },
        "facts": {
            "en": [
                "About 300 bikes were impounded in two days.",
                "If each rider clears Sh{1,000|1,200} a day, that's Sh{300,000|360,000} of income lost daily.",
                "The fine is Sh10,000 per bike, so Sh3 million in total if all pay.",
                "Most riders don't have that, so the bikes will sit at the station for weeks.",
                "A registration drive with proper stages would cost the county far less.",
            ],
            "sw": [
                "Pikipiki 300 zilikamatwa kwa siku mbili.",
                "Kila mwendeshaji hupata karibu shilingi 1,000 kwa siku.",
                "Faini ni shilingi 10,000 kwa kila pikipiki, ambazo wengi hawana.",
            ],
        },
        "actor": {
            "en": ["the police", "the county enforcement officers", "the traffic commander"],
            "sw": ["polisi", "askari wa kaunti"],
        },
        "links": [
            ("police.example.go.ke", "notices/boda-operation-{cbd|kisumu}"),
            ("county.example.go.ke", "transport/boda-stages"),
            ("nation.example.co.ke", "counties/boda-crackdown-kisumu"),
        ],
        "short": {"en": ["Law is law."], "sw": ["Sheria ifuatwe."], "sheng": ["Karao ni noma."]},
        "nums": {"en": ("300 bikes", "3,000 bikes"), "sw": ("pikipiki 300", "pikipiki 3,000")},
        "pivot": {
            "en": ["Riders, if they took your bike and you need cash today,"],
            "sw": ["Kwa wanabodaboda waliokamatwa,"],
        },
    },
    "power-blackout": {
        "mood": "neg",
        "title": "Nationwide blackout leaves homes and businesses without power for 14 hours",
        "take": {
            "en": [
                "Third blackout this year and still no explanation that makes sense.",
                "Businesses lost a whole day. Who compensates the welders and barbers?",
                "+The restoration was faster than last time, to be fair.",
                "We keep hearing 'a fault on the grid'. Which fault? Fix it.",
                "Hospitals on generators for 14 hours is not acceptable.",
            ],
            "sw": [
                "Umeme ulipotea saa nne asubuhi na kurudi usiku wa manane.",
                "Wafanyabiashara wadogo wamepata hasara kubwa.",
                "Kampuni ya umeme itoe maelezo ya kweli.",
            ],
            "sheng": [
                "Blackout tena? Hii Kenya ni noma.",
                "Fridge imeharibu maziwa yote, nani atalipa?",
                "Simu iliisha chaji nikakaa kwa giza kama 1990.",
            ],
            "mixed": [
                "Blackout ya masaa 14 na hakuna apology ya maana.",
                "Kila mwaka ni grid failure, tumechoka na hizi excuses.",
            ],
        },
        "ask": {
            "en": [
                "Will there be any compensation for damaged appliances?",
                "What actually caused the fault?",
                "Is there a number for reporting outages that actually answers?",
            ],
            "sw": ["Kuna fidia kwa vifaa vilivyoharibika?", "Chanzo halisi cha hitilafu ni nini?"],
            "sheng": ["Kwani token zetu zitarudishwa?"],
        },
        "story": {
            "en": [
                "I run a barber shop in Kondele. No power means no customers. I lost a whole day's takings.",
                "My mother is on oxygen at home. We spent the night looking for a generator.",
            ],
            "sw": ["Nina kibanda cha kuchomelea, jana sikupata hata shilingi mia."],
            "sheng": ["Nilikuwa nacheza game ikafika final, stima ikapotea. Pain."],
        },
        "joke": {
            "en": [
                "The grid has more days off than a civil servant in December.",
                "At this point candles should be zero-rated.",
            ],
            "sw": ["Mishumaa sasa ni bidhaa muhimu kuliko mkate."],
            "sheng": ["Stima ikipotea, estate nzima inakuwa kanisa, kila mtu anaomba."],
        },
        "fix": {
            "en": [
                "Power went off at 10am, not 1pm as stated.",
                "The outage lasted about 14 hours, not 4.",
            ],
            "sw": ["Umeme ulikatika saa nne asubuhi, si saa saba mchana."],
        },
        "facts": {
            "en": [
                "The outage lasted about 14 hours.",
                "A small barber shop clears maybe Sh{2,000|2,500} on a normal day.",
                "Multiply that by thousands of small businesses in one town and the loss runs into tens of millions.",
                "This was the {third|fourth} national outage this year.",
                "A proper backup line would cost less than one day of lost trade.",
            ],
            "sw": [
                "Umeme ulikosekana kwa karibu saa 14.",
                "Kinyozi mdogo hupata takriban shilingi 2,000 kwa siku.",
                "Hii ni mara ya tatu mwaka huu umeme kupotea nchi nzima.",
            ],
        },
        "actor": {
            "en": ["the power company", "the energy ministry", "the regulator"],
            "sw": ["kampuni ya umeme", "wizara ya nishati"],
        },
        "links": [
            ("energy.example.go.ke", "statements/grid-outage{|-update}"),
            ("business.example.co.ke", "economy/blackout-cost"),
            ("stats.example.org", "energy/outages-{2024|history}"),
        ],
        "short": {"en": ["Again?!"], "sw": ["Giza tena."], "sheng": ["Stima imeenda tena."]},
        "nums": {"en": ("14 hours", "4 hours"), "sw": ("saa 14", "saa 4")},
        "pivot": {
            "en": ["If blackouts are killing your business like mine,"],
            "sw": ["Kama giza linaua biashara yako,"],
        },
    },
    "lake-hyacinth": {
        "mood": "neg",
        "title": "Water hyacinth returns to Winam Gulf, fishermen cannot reach open water",
        "take": {
            "en": [
                "Every few years the hyacinth comes back and every time we act surprised.",
                "Fishermen at Dunga can't get their boats out. That's their whole income.",
                "+The machines cleared it well in the past. Bring them back.",
                "The real cause is the waste flowing into the lake. Fix that first.",
                "Ferries to the islands are affected too, not just fishing.",
            ],
            "sw": [
                "Gugu maji limerudi na wavuvi hawawezi kutoka ufukweni.",
                "Taka za viwandani zinazoingia ziwani ndizo chanzo.",
                "+Mashine za kuondoa magugu zilisaidia zamani, zirudishwe.",
            ],
            "sheng": [
                "Hiyo gugu imefunika ziwa mpaka huwezi ona maji.",
                "Wasee wa Dunga hawajashika samaki wiki mbili.",
                "Omena imekuwa bei ghali juu ya hii kitu.",
            ],
            "mixed": [
                "Hyacinth imerudi tena, na hakuna long-term plan.",
                "Wavuvi hawawezi fika deep water, the boats are stuck.",
            ],
        },
        "ask": {
            "en": [
                "Is there any plan to bring back the harvesting machines?",
                "How are fishermen supposed to survive meanwhile?",
                "Does the hyacinth affect the water we drink?",
            ],
            "sw": [
                "Serikali ina mpango gani wa kuondoa gugu hili?",
                "Wavuvi watasaidiwa vipi kwa sasa?",
            ],
            "sheng": ["Kwani hii gugu haitolewi na machine?"],
        },
        "story": {
            "en": [
                "My father fished at Dunga for thirty years. This month he hasn't sold a single fish.",
                "I tried to take the ferry to Mbita on Saturday. We waited four hours while they cut a path.",
            ],
            "sw": ["Mume wangu ni mvuvi. Wiki mbili sasa hajaingia ziwani."],
            "sheng": [
                "Nilienda Dunga weekend, boats zote ziko kwa shore, hakuna mtu anafanya kazi."
            ],
        },
        "joke": {
            "en": [
                "You can almost walk to Mbita now. Save on the ferry fare.",
                "The hyacinth is the only thing in Kisumu growing faster than the rent.",
            ],
            "sw": ["Karibu tutavuka ziwa kwa miguu juu ya magugu."],
            "sheng": ["Sai unaweza tembea kwa hiyo gugu mpaka Uganda."],
        },
        "fix": {
            "en": [
                "It is Winam Gulf, the caption says Homa Bay.",
                "The hyacinth covers about 6,000 hectares, not 600.",
            ],
            "sw": ["Gugu limefunika hekta 6,000, si 600."],
        },
        "facts": {
            "en": [
                "The weed now covers about 6,000 hectares of the gulf.",
                "Around {2,000|2,500} fishermen work from the beaches near the city.",
                "If each loses even Sh{800|1,000} a day, that's about Sh2 million a day.",
                "The last clean-up used machines and hand removal for {six|eight} months.",
                "Without cutting the nutrients flowing into the lake, it will be back again.",
            ],
            "sw": [
                "Gugu limefunika karibu hekta 6,000 za ghuba.",
                "Kuna wavuvi karibu 2,000 kwenye fukwe za karibu na jiji.",
                "Kila mmoja akipoteza shilingi 1,000 kwa siku, hasara ni milioni 2 kwa siku.",
            ],
        },
        "actor": {
            "en": ["the county", "the fisheries department", "the lake basin authority"],
            "sw": ["idara ya uvuvi", "kaunti"],
        },
        "links": [
            ("fisheries.example.go.ke", "notices/winam-gulf-hyacinth"),
            ("stats.example.org", "lake/hyacinth-cover-{2024|monthly}"),
            ("habari.example.co.ke", "kisumu/gugu-maji-ziwani"),
        ],
        "short": {
            "en": ["Poor fishermen."],
            "sw": ["Ziwa letu linakufa."],
            "sheng": ["Hii ni noma kwa wavuvi."],
        },
        "nums": {"en": ("6,000 hectares", "600 hectares"), "sw": ("hekta 6,000", "hekta 600")},
        "pivot": {
            "en": ["Fishermen, while the boats are stuck,"],
            "sw": ["Wavuvi, wakati boti zimekwama,"],
        },
    },
}


def _fragments(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*map(_fragments, value.values())) if value else set()
    if isinstance(value, list | tuple):
        return set().union(*map(_fragments, value)) if value else set()
    return set()


# The seed set uses all of these; the bench corpus never sees them.
SEED_ONLY = _fragments(SEED_TOPICS)

# ---------------------------------------------------------------------------
# Ham: frames around the topic fragments, by language.

AGREE = {
    "en": [
        "Exactly.",
        "Well said.",
        "Spot on.",
        "This is the truth.",
        "I agree {100%|completely|fully}.",
        "Couldn't have said it better.",
        "Finally someone says it.",
        "Very true.",
        "Facts.",
        "{Good|Great|Balanced} {article|piece|reporting}.",
        "Yes!",
        "True story.",
        "Correct.",
        "{Totally|Absolutely} agree with the writer.",
        "Thank you for saying this.",
        "This.",
        "100% with you on this.",
        "Good points in this article.",
        "Nobody wants to hear it but it's true.",
    ],
    "sw": [
        "Kabisa.",
        "Umesema kweli.",
        "Ni kweli kabisa.",
        "Nakubaliana nawe.",
        "Hapo umenena.",
        "Hakika.",
        "Makala nzuri.",
        "Ukweli mtupu.",
        "Sawa kabisa.",
        "Asante kwa kusema ukweli.",
        "Mwandishi yuko sahihi.",
        "Hili ndilo jambo la kweli.",
    ],
    "sheng": [
        "Ukweli mtupu bana.",
        "Umeongea tu ukweli.",
        "Hapo sasa!",
        "Facts bana.",
        "Hii ndio ukweli jo.",
        "Wueh, umeshika hapo.",
        "Kabisa msee.",
        "Hapo umeweza.",
        "Sema ukweli!",
    ],
}
DISAGREE = {
    "en": [
        "I don't agree.",
        "Sorry, but I disagree.",
        "With respect, this is not the full picture.",
        "Not true.",
        "I beg to differ.",
        "This article is one-sided.",
        "Come on.",
        "That's not how I see it.",
        "Hmm, no.",
        "Not so fast.",
        "I think the writer missed something.",
        "Let's not pretend here.",
        "I'll be the unpopular voice here.",
        "Everyone here is missing the point.",
    ],
    "sw": [
        "Sikubaliani na hili.",
        "Si kweli.",
        "Samahani, lakini hapa umekosea.",
        "Hapana bwana.",
        "Makala hii ina upande mmoja tu.",
        "Mimi naona tofauti.",
        "Tusidanganyane.",
    ],
    "sheng": [
        "Aih, hapo umechapa.",
        "Hapana msee.",
        "Si ukweli bana.",
        "Wacha hizo.",
        "Umekosea kiasi.",
        "Hapo siko na wewe.",
    ],
}
DISAGREE_TAIL = {
    "en": [
        "The article doesn't say that.",
        "Let's be fair here.",
        "Look at the facts before shouting.",
        "Everyone is overreacting.",
        "We need to be honest about this.",
        "Read past the headline.",
    ],
    "sw": ["Tuwe wakweli.", "Tuangalie ukweli.", "Tusiongozwe na hisia."],
    "sheng": ["Tuongee ukweli.", "Wasee mnaexaggerate.", "Tusidanganyane hapa."],
}
CLOSE = {
    "en": [
        "Just my two cents.",
        "Let's see.",
        "Time will tell.",
        "Sad but true.",
        "Mark my words.",
        "We move.",
        "God help us.",
        "That's all I'm saying.",
        "Wake up, Kenyans.",
    ],
    "sw": [
        "Mungu atusaidie.",
        "Tusubiri tuone.",
        "Ni hayo tu.",
        "Wakenya tuamke.",
        "Haki ya nani!",
        "Tutafika.",
        "Mungu ibariki Kenya.",
    ],
    "sheng": [
        "Tuko pamoja.",
        "Ni hayo tu mabeshte.",
        "Tutaona.",
        "Ama namna gani?",
        "Sijui ni mimi tu?",
        "Kenya yetu 🤦🏾‍♂️",
        "Ni noma.",
        "Wakuu mko wapi?",
    ],
}
ASK_OPEN = {
    "en": [
        "Quick question:",
        "Genuine question:",
        "Can someone explain:",
        "Asking for a friend:",
        "Question for the writer:",
        "Help me understand.",
    ],
    "sw": ["Naomba kuuliza:", "Swali:", "Wadau, naomba msaada.", "Mwandishi, swali moja:"],
    "sheng": ["Wasee, swali:", "Ebu mtu anisaidie.", "Maze,", "Niaje wadau,"],
}
ASK_CLOSE = {
    "en": [
        "Thanks in advance.",
        "Anyone?",
        "Serious question.",
        "Would appreciate a follow-up story.",
    ],
    "sw": ["Asanteni.", "Mtu anijulishe tafadhali.", "Natanguliza shukrani."],
    "sheng": ["Mtu anishow.", "Nisaidieni hapo.", "Wenye wanajua mtuambie."],
}
STORY_OPEN = {
    "en": ["Personal experience:", "Let me share something.", "I can relate.", "This hits home."],
    "sw": ["Nitawapa mfano wangu.", "Naomba nishiriki uzoefu wangu.", "Hili limenigusa."],
    "sheng": ["Wacha niwape story yangu.", "Mimi nitawaambia ukweli.", "Hii imenikumbusha kitu."],
}
STORY_TAIL = {
    "en": [
        "This is the reality for many of us.",
        "So forgive me if I don't celebrate.",
        "Nobody in those offices understands this.",
        "That's my story.",
        "I'm sure many here have the same experience.",
        "Just sharing.",
    ],
    "sw": [
        "Hii ndiyo hali halisi ya wengi.",
        "Maisha ni magumu kweli.",
        "Sijui tutafika wapi.",
        "Nimeona mengi.",
    ],
    "sheng": ["Ndio maisha yetu hiyo.", "Hustle ni real.", "Hakuna kitu tunaweza fanya."],
}
JOKE_TAIL = {
    "en": [
        "😂😂",
        "Only in Kenya.",
        "I'm joking... or am I?",
        "Kenya is a comedy show.",
        "Laugh so you don't cry.",
    ],
    "sw": ["Kenya yetu!", "Mimi nacheka tu.", "Tucheke tusije tukalia."],
    "sheng": ["😂😂 Kenya ni movie.", "Nacheka tu bana.", "Hii nchi ni comedy."],
}
JOKE_GENERIC = {
    "en": [
        "At this point I'm just here for the comments.",
        "Somebody check on the intern who wrote that headline.",
        "My grandmother predicted this in 1998 and nobody listened to her.",
    ],
    "sw": ["Kenya hakuna siku ya kuchoka, kila siku ni kipindi kipya."],
    "sheng": ["Kenya ni kama series, kila wiki kuna season mpya."],
}
FIX_GENERIC = {
    "en": [
        "Small correction: it's <N1>, not <N2>.",
        "Editor, please check the figures. It should be <N1>, the article says <N2> in one place.",
        "Typo in paragraph {two|three|four}: <N2> should be <N1>.",
        "The photo caption is wrong, that picture is from last year.",
        "The name of the official quoted in paragraph {three|five} is misspelt.",
        "Minor point: this was announced on {Thursday|Wednesday}, not Friday.",
        "Please update the story, a clarification was issued this morning.",
        "The headline and the first paragraph give different figures. The correct one is <N1>.",
    ],
    "sw": [
        "Marekebisho kidogo: ni <N1>, si <N2>.",
        "Mhariri, tafadhali angalia takwimu. Aya ya {pili|tatu} ina kosa: ni <N1>.",
        "Picha hii si ya mwaka huu.",
        "Tangazo hili lilitolewa {Alhamisi|Jumatano}, si Ijumaa.",
    ],
}
FIX_CLOSE = {
    "en": [
        "Otherwise good article.",
        "Thanks.",
        "Please correct.",
        "Small thing but it matters.",
        "Good reporting otherwise.",
    ],
    "sw": ["Asante.", "Tafadhali rekebisheni.", "Vinginevyo makala nzuri."],
}
AN_OPEN = {
    "en": [
        "Let's do the maths.",
        "Here are the numbers.",
        "Look at it this way.",
        "Some context, because the numbers matter.",
    ],
    "sw": ["Tufanye hesabu.", "Tuangalie takwimu.", "Hebu tuchambue hili."],
}
AN_CLOSE = {
    "en": [
        "The numbers simply don't add up.",
        "This is not sustainable.",
        "Until that is fixed, we will be back here next year.",
        "That's the real story here.",
        "Somebody should ask these questions in the assembly.",
    ],
    "sw": [
        "Kwa ufupi, hesabu haziko sawa.",
        "Hii haiwezi kuendelea hivi.",
        "Hiyo ndiyo hadithi halisi.",
    ],
}
LINK_FRAME = {
    "en": [
        "Full {report|statement|notice} here: <URL>",
        "For those asking, the source is <URL>",
        "Read the actual document before commenting: <URL>",
        "<URL> has the official figures. {Worth a read.|Page 4 is interesting.}",
        "The published numbers are here <URL> and they tell a different story.",
        "Background from last year: <URL>",
        "Here's the original: <URL>",
    ],
    "sw": [
        "Ripoti kamili iko hapa: <URL>",
        "Kwa wanaouliza, chanzo ni <URL>",
        "Soma taarifa rasmi hapa kabla ya kulalamika: <URL>",
        "Takwimu rasmi ziko hapa <URL>",
    ],
    "sheng": ["Full report iko hapa: <URL>", "Soma hii first: <URL>"],
}
REPLY_PREFIX = {
    "en": [
        "@<NAME> exactly.",
        "<NAME>, I hear you, but look at it this way.",
        "@<NAME> you're forgetting one thing.",
        "<NAME> is right.",
        "Replying to <NAME>:",
        "@<NAME> read the article again.",
        "<NAME>, with respect, no.",
        "Well put, <NAME>.",
        "@<NAME> true, and also:",
        "<NAME> you've said it all.",
    ],
    "sw": [
        "@<NAME> umenena.",
        "<NAME>, nakubaliana nawe kiasi.",
        "<NAME> unaongea kama hujawahi kufika huko.",
        "@<NAME> soma makala tena.",
        "<NAME> ndugu yangu, ukweli ni huu:",
        "@<NAME> hapo umesema kweli.",
    ],
    "sheng": [
        "@<NAME> umeongea ukweli msee.",
        "<NAME> wacha kutuletea hizo story.",
        "<NAME> uko sure?",
        "@<NAME> hapo umechapa.",
        "<NAME> bro, skiza:",
    ],
}
REPLY_ALONE = {
    "en": [
        "@<NAME> 😂😂 you have finished me.",
        "@<NAME> source?",
        "<NAME>, please stop spreading rumours, the article is clear.",
        "Hahaha <NAME> you're too much.",
        "@<NAME> couldn't agree more.",
        "<NAME> I was about to say the same thing.",
        "@<NAME> which part of town are you in? That's not what I see.",
    ],
    "sw": [
        "@<NAME> asante kwa maelezo.",
        "<NAME> umeongea kama mzee wa busara.",
        "@<NAME> 😂😂 umeniua.",
    ],
    "sheng": ["@<NAME> 😂😂 umeniua bana.", "<NAME> wewe ni mnoma.", "@<NAME> sema tena!"],
}
ANGRY = {
    "en": [
        "<ACTOR> are {thieves|clowns|a disgrace}, full stop.",
        "Shame on <ACTOR>. {Shame!|Absolute shame.}",
        "How do <ACTOR> sleep at night?",
        "I am sick and tired of <ACTOR> treating us like fools.",
        "<ACTOR> should {resign|be sacked} today. Not tomorrow, today.",
        "These people have no shame whatsoever.",
        "Useless leadership from top to bottom.",
        "We keep electing the same thieves and expecting change.",
        "Enough is enough!",
        "Every election they come begging for votes, and then this.",
        "Pathetic. Absolutely pathetic.",
        "They think we are stupid.",
        "What a bunch of incompetent clowns.",
        "Greedy, lazy and arrogant, that's <ACTOR> for you.",
    ],
    "sw": [
        "<ACTOR_SW> ni wezi wakubwa!",
        "Aibu kwa <ACTOR_SW>!",
        "Hawa viongozi hawana haya hata kidogo.",
        "Tumechoka na uongo wa <ACTOR_SW>.",
        "Wezi tu! Kila mwaka hadithi ni ile ile.",
        "Wanatuona sisi wananchi kama wajinga.",
        "Wakati wa kampeni walikuja na ahadi tamu, sasa wako wapi?",
        "Uchaguzi ujao tutawaonyesha.",
        "Ni upumbavu mtupu!",
    ],
    "sheng": [
        "Hawa wasee ni wakora tu.",
        "<ACTOR_SW> wametuangusha jo.",
        "Wanakula doh yetu alafu wanatuambia tukaze mshipi.",
        "Hizi ni ufala tu.",
        "Aki hawa wanasiasa ni noma, hawana aibu.",
        "Wezi wakubwa, wote waende home.",
    ],
}
SHENG_OPEN = [
    "Wasee,",
    "Maze,",
    "Aki,",
    "Wueh!",
    "Sasa hii ni nini?",
    "Bana,",
    "Mabeshte,",
    "Ebu skieni,",
    "Niaje wadau,",
    "Kusema ukweli,",
    "Aih,",
]
SHENG_GENERIC = [
    "Hii story imeniuma sana, wasee wa <ACTOR_SW> wako wapi?",
    "Mimi nimechoka na hii Kenya, kila siku ni story ile ile.",
    "Sai hata doh ya mandazi ni shida.",
    "Tunaambiwa tukaze mshipi, mshipi gani tena?",
    "Kama kawaida, mwananchi ndiye anaumia.",
    "Hii nchi inahitaji maombi serious.",
    "Wakubwa wanakula, sisi tunangoja makombo.",
    "Wasee tuamke, hii vitu haziwezi endelea hivi.",
    "Kila mtu anaongea tu, hakuna kitu inafanyika kwa ground.",
]
# Short reactions by mood: "neg" for bad news, "pos" for good news, "any" for both.
SHORT = {
    "en": {
        "any": [
            "True.",
            "Noted.",
            "Interesting.",
            "Good reporting.",
            "Let's wait and see.",
            "Thanks for the update.",
            "So true.",
            "Very informative.",
            "No comment.",
            "Wow.",
            "Exactly my point.",
            "Hmm.",
            "Kenya.",
        ],
        "neg": [
            "Sad.",
            "This is sad.",
            "Shame.",
            "Nonsense.",
            "Not surprised.",
            "Unbelievable.",
            "Same story every time.",
            "We are finished.",
        ],
        "pos": [
            "Well done!",
            "Finally!",
            "About time.",
            "Great news.",
            "Respect.",
            "Proud!",
            "Good job.",
        ],
    },
    "sw": {
        "any": [
            "Asante kwa habari.",
            "Kweli kabisa.",
            "Ni kweli.",
            "Asanteni.",
            "Tusubiri tuone.",
            "Sawa.",
            "Duh!",
            "Haki ya nani.",
        ],
        "neg": [
            "Hii ni aibu.",
            "Mungu atusaidie.",
            "Pole sana.",
            "Tumechoka.",
            "Aibu tupu.",
            "Inasikitisha.",
            "Mbona hivi?",
            "Hatari sana.",
        ],
        "pos": ["Hongera.", "Habari njema.", "Tunashukuru.", "Safi sana.", "Kazi nzuri."],
    },
    "sheng": {
        "any": ["Wueh.", "Sijui hata niseme nini.", "Si mchezo.", "Form ni gani?"],
        "neg": ["Ni noma.", "Hii ni mbaya jo.", "Aki hii nchi.", "Tumeumia."],
        "pos": ["Poa sana.", "Imebamba.", "Fiti sana!", "Hii ni moto."],
    },
}
EMOJI = {
    "joke": ["😂", "🤣", "😅"],
    "angry-but-legit": ["😡", "😤", "🙄", "🤬"],
    "question": ["🤔", "🙏"],
    "neg": ["💔", "😢", "🤦🏾‍♂️", "😭", "🙄", "😒"],
    "pos": ["👏", "🔥", "💯", "🙌🏾", "👍🏾", "🎉"],
    "any": ["🙏", "🇰🇪", "👀", "😂"],
}
# Common slips in typed comments: (correct, as some people type it).
MISSPELLINGS = [
    ("government", "goverment"),
    ("definitely", "definately"),
    ("a lot", "alot"),
    ("their", "thier"),
    ("because", "coz"),
    ("people", "pple"),
    ("receive", "recieve"),
    ("really", "realy"),
    ("serikali", "serkali"),
    ("kabisa", "kabisaa"),
    ("tomorrow", "tommorow"),
    ("until", "untill"),
    ("separate", "seperate"),
    ("you are", "you're"),
    ("salaries", "salaris"),
    ("wananchi", "wanachi"),
]

# ---------------------------------------------------------------------------
# Spam. Every brand, app, site and person here is invented; domains use the
# reserved .example top-level name (RFC 2606) or example.* second-level names.

SHORTENERS = [
    "bit.example",
    "tinyurl.example",
    "cutt.example",
    "s.example",
    "rb.example",
    "lnk.example",
]
# Off-topic promotions: (text, the seller's domains, the seller's names).
LINK_OFFERS: list[tuple[str, list[str], list[str]]] = [
    (
        "Affordable plots in {Kitengela|Juja|Kangundo Road|Malaa|Ruiru}, 50x100 from Sh{299,000|350,000|450,000}. Ready title deeds, {flexible|12-month} payment plan.",
        ["plotsafi.example", "ardhi-deals.example"],
        ["Plot Safi Ltd", "Ardhi Deals"],
    ),
    (
        "Get a professional website for your business in 3 days from Sh{9,999|12,500}. Free domain for the first year!",
        ["siteyako.example", "webcheap-ke.example"],
        ["Siteyako Web Design", "Web Fundi KE"],
    ),
    (
        "Quality ex-UK laptops, {Core i5|Core i7} 8GB RAM from Sh{18,500|22,000}. Delivery countrywide.",
        ["laptopzone254.example"],
        ["Laptop Zone 254"],
    ),
    (
        "Ex-Japan cars on hire purchase, deposit from {20|30}%. Drive home today!",
        ["autodeal-ke.example", "gari-deals.example"],
        ["Gari Deals", "Auto Deal KE"],
    ),
    (
        "Ladies!! Quality human hair and wigs at wholesale prices, free delivery within Nairobi 💇🏾‍♀️",
        ["nywele-queen.example"],
        ["Nywele Queen"],
    ),
    (
        "Professional CV writing, we get you shortlisted or your money back. Only Sh{500|800}.",
        ["cvpro-ke.example"],
        ["CV Pro Kenya"],
    ),
    (
        "Solar water heaters and panels installed in one day, {2|3}-year warranty.",
        ["jua-power.example"],
        ["Jua Power Solar"],
    ),
    (
        "All TV channels and movies for Sh{300|350} a month, works on any phone or smart TV.",
        ["streamtele.example"],
        ["StreamTele"],
    ),
    (
        "Grow your page to 10K followers in 24 hours, real and active accounts.",
        ["boostfans.example"],
        ["Boost Fans KE"],
    ),
    (
        "Wholesale mitumba bales direct from the importer, grade one, from Sh{18,000|25,000}.",
        ["mitumba-bales.example"],
        ["Mitumba Bales Wholesale"],
    ),
    (
        "Learn coding in 12 weeks and get a remote job paid in dollars. Next class starts Monday!",
        ["codecamp-ke.example"],
        ["CodeCamp KE"],
    ),
    (
        "Stylish sofa sets and beds at factory prices, same-day delivery within Nairobi.",
        ["fanicha-bora.example"],
        ["Fanicha Bora"],
    ),
    (
        "Tents, chairs and decor for weddings and funerals at the best rates in {Kisumu|Nakuru|Nairobi}.",
        ["sherehe-hire.example"],
        ["Sherehe Hire"],
    ),
    (
        "Driving school: get your licence in 4 weeks, classes in Kisumu and Nairobi.",
        ["drivefast-ke.example"],
        ["DriveFast School"],
    ),
    (
        "Cheap flights to Dubai, Mombasa and Zanzibar. Book now and save up to 40%!",
        ["safiri-cheap.example"],
        ["Safiri Cheap Travel"],
    ),
    (
        "Original perfumes at half the mall price, over 200 scents in stock.",
        ["harufu-nzuri.example"],
        ["Harufu Nzuri Perfumes"],
    ),
]
LINK_OPEN = {
    "en": [
        "Hello everyone!",
        "Attention!!",
        "Good news to all Kenyans!",
        "Hi guys,",
        "Sorry to post here but this is important.",
        "📢📢",
        "Don't miss this!",
        "OFFER OFFER OFFER",
        "Hello friends,",
    ],
    "sw": ["Habari wadau!", "Wakuu,", "Tangazo!", "Habari zenu wapendwa,"],
}
LINK_CTA = {
    "en": [
        "Visit <URL>",
        "Order now 👉 <URL>",
        "See the catalogue: <URL>",
        "Click <URL> for details",
        "Book yours today: <URL>",
        "Photos and prices here: <URL>",
        "Limited offer, check <URL>",
        "More info at <URL>",
    ],
    "sw": ["Tembelea <URL>", "Bonyeza hapa <URL>", "Maelezo zaidi: <URL>", "Agiza sasa: <URL>"],
}
CONTACT = {
    "en": [
        "Call/WhatsApp <PHONE>",
        "Call us on <PHONE>",
        "Inbox or call <PHONE>",
        "Text <PHONE> for a quote.",
    ],
    "sw": ["Piga simu <PHONE>", "Tuma ujumbe <PHONE>"],
}
SEO_KEYWORDS: list[tuple[str, str]] = [
    ("car hire nairobi", "carhire-nrb.example"),
    ("cheap flights mombasa", "safiri-cheap.example"),
    ("plumber kileleshwa", "fundi-maji.example"),
    ("website design kenya", "webcheap-ke.example"),
    ("land for sale kitengela", "plotsafi.example"),
    ("essay writing service", "essaypros.example"),
    ("sofa sets nairobi", "fanicha-bora.example"),
    ("hotels in naivasha", "naivasha-stays.example"),
    ("buy followers kenya", "boostfans.example"),
    ("cctv installation nairobi", "cctv-pro.example"),
    ("movers in nairobi", "hamisha-movers.example"),
    ("wedding venues nairobi", "sherehe-hire.example"),
    ("driving school kisumu", "drivefast-ke.example"),
    ("dentist westlands", "smile-clinic.example"),
    ("used tyres nairobi", "tyre-deals.example"),
    ("borehole drilling kenya", "maji-drill.example"),
    ("cleaning services nairobi", "safi-cleaners.example"),
    ("seo services kenya", "rank-ke.example"),
    ("laptops for sale nairobi", "laptopzone254.example"),
    ("gas refill delivery", "gas-haraka.example"),
    ("airport taxi jkia", "jkia-taxi.example"),
    ("curtains and blinds nairobi", "pazia-decor.example"),
]
SEO_ADJ = [
    "best",
    "cheap",
    "affordable",
    "top",
    "No.1",
    "reliable",
    "cheapest",
    "professional",
    "trusted",
    "best cheap",
]
SEO_TEMPLATES = [
    "<ADJ> <KW1> | <ADJ> <KW2> | <ADJ> <KW3> | <KW1> near me\n<URL1>\n<URL2>\n<URL3>",
    "{Great|Nice|Wonderful} {article|post|write-up}, thanks for sharing such {informative|valuable|helpful} content. If you are looking for the <ADJ> <KW1>, visit <URL1>. We also {offer|do} <KW2> (<URL2>) and <KW3> (<URL3>).",
    "<KW1> <KW1> <CITY>, <ADJ> <KW1> kenya, <ADJ> <KW2>, <KW2> <CITY>. <URL1> <URL2>",
    "Nice blog! I have bookmarked it. Also check out {my site|our website} for <KW1>: <URL1> | <KW2>: <URL2>",
    "Top 10 <KW1> in Kenya {2024|this year} ➡ <URL1> ➡ <URL2> ➡ <URL3> #<TAG1> #<TAG2>",
    "Thanks for this, keep it up. [url=<URL1>]<KW1>[/url] [url=<URL2>]<KW2>[/url]",
    "I was searching for <ADJ> <KW1> and landed here 😂 anyway for <KW1> go to <URL1>, for <KW2> go to <URL2>.",
    "{Very|Really} {useful|good} information. Kenyans looking for <ADJ> <KW1>, <KW2> or <KW3> can visit <URL1> or <URL2> or call <PHONE>.",
    "<KW1> | <KW2> | <KW3> | <KW4> | <KW5> — <ADJ> prices in <CITY>. <URL1> <URL2>",
]
SEO_CITIES = [
    "nairobi",
    "mombasa",
    "kisumu",
    "nakuru",
    "eldoret",
    "thika",
    "westlands",
    "karen",
    "kitengela",
]
JOB_HOOK = {
    "en": [
        "URGENT HIRING!!",
        "WE ARE HIRING 📢",
        "Job alert 🚨",
        "Are you jobless?",
        "Tired of tarmacking?",
        "Vacancies available!!",
        "Good news for job seekers!",
        "Attention youths!",
        "Stop complaining and start earning.",
    ],
    "sw": ["Nafasi za kazi!!", "Kazi kazi kazi!", "Vijana, habari njema!"],
}
JOB_OFFER = [
    "Work from home typing documents, earn Sh{1,500|2,000|2,500} per day.",
    "Online product reviewers needed, get paid Sh{50|100} for every review.",
    "Earn up to Sh{3,000|3,500} daily by liking and sharing short videos.",
    "{Supermarket attendants|Cleaners|Drivers|Security guards|Waiters} needed in {Dubai|Qatar|Saudi Arabia|Poland}. Salary Sh{80,000|95,000|120,000} plus free accommodation and air ticket.{| Processing fee Sh{7,500|9,800} only, refundable after you travel.| Visa and medical processed in 2 weeks.}",
    "Verified online writing accounts available for rent, start earning in dollars this week.",
    "We are recruiting {20|50|100} data entry clerks, you work from your phone.",
    "Cruise ship jobs, no experience needed, salary paid in dollars.",
    "Become our agent and earn commission of up to Sh{40,000|60,000} weekly.",
    "Transcription jobs paid per audio minute, payment every Friday.",
    "Youth internship programme: {500|1,200} slots available countrywide, monthly stipend Sh{15,000|25,000}.",
    "Part-time {sales reps|delivery riders|call agents} wanted in {Kisumu|Nairobi|Nakuru|Eldoret}, earn Sh{1,200|1,800} a day.",
]
JOB_REQ = [
    "No experience needed.",
    "All you need is a smartphone.",
    "Age 18-40.",
    "Form four leavers are welcome.",
    "Limited slots!!",
    "Both male and female.",
    "Payment daily via mobile money.",
    "Registration fee Sh{500|1,000} only.",
]
JOB_CTA = {
    "en": [
        "WhatsApp <PHONE>",
        "Text HR on <PHONE>",
        "Join our Telegram: <TG>",
        "Apply here: <URL>",
        "Inbox me on WhatsApp <PHONE> for details.",
        "Send your name and ID number to <PHONE>.",
        "Call Madam {Grace|Lucy|Esther} on <PHONE>.",
    ],
    "sw": [
        "Tuma jina lako kwa WhatsApp <PHONE>.",
        "Jiunge na kundi letu: <TG>",
        "Piga <PHONE> sasa.",
    ],
    "sheng": ["Nicheki WhatsApp <PHONE>", "Ingia hii group: <TG>", "Link iko hapa 👉 <URL>"],
}
JOB_SHENG = [
    "Mbogi, kuna job za online, unalipwa daily bana. Ni smartphone tu unahitaji.",
    "Wasee mnatarmac mpaka lini? Kuna kazi za kuandika, doh inaingia kila siku.",
    "Kama uko jobless, nicheki. Job ni simple na inalipa fiti.",
    "Kuna msee anatafuta ma-youth 30 wa kudeliver, doh ni daily.",
]
LOAN_APPS: list[tuple[str, str]] = [
    ("HarakaCash", "haraka-cash.example"),
    ("Kopa Fasta", "kopafasta.example"),
    ("PesaPap", "pesapap.example"),
    ("Mkopo Chap", "mkopochap.example"),
    ("CashNow KE", "cashnow-ke.example"),
    ("Tosha Loans", "tosha-loans.example"),
    ("Dharura Credit", "dharura-credit.example"),
]
LOAN_HOOK = {
    "en": [
        "Need cash urgently?",
        "Bills piling up?",
        "Blacklisted on CRB?",
        "School fees stress?",
        "Emergency? Don't panic.",
        "Hustler, need capital?",
        "Broke before payday?",
    ],
    "sw": ["Unahitaji pesa ya haraka?", "Umekwama na karo?", "Umeorodheshwa CRB?"],
    "sheng": ["Unahitaji doh ya haraka?", "Mbogi, mko broke?"],
}
LOAN_OFFER = [
    "Get instant loans up to Sh{50,000|100,000|250,000} in {3|5|10} minutes.",
    "We lend to everyone, even if you are blacklisted.",
    "Logbook loans released the same day, keep driving your car.",
    "Civil servants and teachers: check-off loans at only {2|3}% monthly.",
    "Download <APP> and get your first loan of Sh{5,000|10,000} instantly.",
    "Borrow today and repay in {30|61|91} days.",
    "Business loans for mama mbogas, boda riders and kiosk owners, approved in minutes.",
]
LOAN_FEATURE = [
    "No CRB check.",
    "No guarantor.",
    "No paperwork, only your ID.",
    "Money straight to your phone.",
    "Low interest!!",
    "Approval in minutes.",
    "No security needed.",
]
LOAN_CTA = {
    "en": [
        "Apply: <URL>",
        "SMS LOAN to <PHONE>",
        "Download <APP>: <URL>",
        "Call/WhatsApp our agent <PHONE>",
        "Get it now 👉 <URL>",
    ],
    "sw": [
        "Tuma neno MKOPO kwa <PHONE>.",
        "Pakua <APP> hapa: <URL>",
        "Piga simu kwa wakala wetu <PHONE>.",
    ],
}
LOAN_MIXED = [
    "Get up to Sh50,000 bila CRB check 💰",
    "Mkopo wa haraka, no guarantor, pesa inaingia kwa simu ndani ya dakika 5.",
    "Hustlers, chukua loan ya biashara leo, repay polepole.",
]
LOAN_SW = [
    "Pata mkopo wa hadi shilingi {50,000|100,000} bila dhamana. Hakuna ukaguzi wa CRB.",
    "Mikopo kwa walimu na watumishi wa umma kwa riba ya chini, bila mdhamini.",
    "Pesa inaingia kwenye simu yako ndani ya dakika tano, kitambulisho tu.",
]
CRYPTO_HOOK = [
    "Stop being broke!",
    "Who else wants financial freedom?",
    "This is not a joke.",
    "I never believed until it happened to me.",
    "Testimony time 🙌🏾",
]
CRYPTO_GURUS = [
    ("Mr. Kevin Otieno", "He", "him"),
    ("Madam Joyce", "She", "her"),
    ("expert Brian Kiptoo", "He", "him"),
    ("Trader Amos", "He", "him"),
    ("Madam Shiro", "She", "her"),
]
CRYPTO_TESTIMONY = [
    "I {invested|started with} {$100|$250|Sh10,000|Sh20,000} with <GURU> and {received|withdrew} {$1,200|$3,400|Sh84,000|Sh150,000} {in 7 days|after one week|within 48 hours}.",
    "My life changed after I joined <GURU>'s trading platform. I now earn Sh{30,000|45,000} weekly without leaving my house.",
    "Thank you <GURU>, I cleared my {HELB|sacco} loan in one month with your signals.",
]
CRYPTO_OFFER = [
    "Double your bitcoin in 24 hours, guaranteed.",
    "USDT arbitrage: earn {3|5}% daily, withdraw anytime.",
    "Free forex signals with {92|95|98}% accuracy.",
    "New token launching {tomorrow|this Friday}, 100x guaranteed, get in early.",
    "Lost money to fake brokers? We recover stolen crypto in {48 hours|3 days}.",
    "Copy my trades and earn while you sleep.",
    "Rent a mining machine from $50 and earn $15 every day.",
]
CRYPTO_REAL = [
    "<HE> is {real|legit|genuine}!!",
    "No scam, I withdrew myself.",
    "Don't miss this chance like I almost did.",
    "God bless <GURU> 🙏",
]
CRYPTO_CTA = [
    "Join our VIP Telegram <TG>",
    "WhatsApp <PHONE>",
    "Register: <URL>",
    "Minimum deposit {20|50} USDT. <URL>",
    "Sign up here: <URL>",
]
CRYPTO_CTA_GURU = [
    "DM <HIM> on WhatsApp <PHONE>",
    "Contact <HIM> on Telegram <TG>",
    "Write to <HIM> on WhatsApp <PHONE>, tell <HIM> I sent you.",
]
CRYPTO_DOMAINS = [
    "usdt-profit.example",
    "forexking-ke.example",
    "bitdouble.example",
    "coinvault254.example",
    "mining-pool.example",
]
BET_BRANDS: list[tuple[str, str]] = [
    ("MegaOdds", "mega-odds.example"),
    ("BetSafi", "betsafi.example"),
    ("Kamari Club", "kamari-club.example"),
    ("Bahati Spin", "bahati-spin.example"),
    ("OddsKing254", "oddsking254.example"),
    ("JackpotKuu", "jackpotkuu.example"),
]
BET_LINES = [
    "Sure 2 odds daily, 10 odds weekend slip 🔥",
    "VIP fixed matches, 100% sure, you pay after you win.",
    "Jackpot predictions: we got {15|16}/17 last weekend!",
    "Get 200% bonus on your first deposit + {50|100} free spins at <BRAND>.",
    "Crash game strategy: I cashed out Sh{45,000|72,000} yesterday, learn my method.",
    "Online casino with instant withdrawals to mobile money 💰",
    "Bet Sh{20|49} and win up to Sh{10|20} million!",
    "Today's tips: {over 2.5|both teams to score|home win} on all {3|4} games.",
    "Mega jackpot is Sh{100|200} million this weekend, our VIP members won {twice|three times} this year.",
]
BET_CTA = [
    "Join VIP: <TG>",
    "Register: <URL>",
    "Use code {KENYA200|BONUS254|VIP100}: <URL>",
    "WhatsApp <PHONE> for today's slip",
    "Link: <URL>",
    "Play now 👉 <URL>",
]
BET_SHENG = [
    "Tips za leo ni moto 🔥 odds {15|20} weekend, usikose.",
    "Mbogi, nilikula jackpot juu ya hii group, ingieni mapema.",
    "Hiyo game ya rocket ina pattern, nilitoa 20k jana. Nicheki nikuonyeshe.",
    "Wasee wa betting, slip ya leo imeiva, ni kujiunga tu.",
]
BET_MIXED = [
    "Bet ya leo ni sure, odds 10 weekend, usikose hii chance.",
    "Jackpot ya weekend ni milioni 100, join VIP upate predictions.",
    "Bonus ya 200% on first deposit, pesa inaingia kwa simu instantly.",
]
PHARMA_OFFERS = [
    "Order {v1agra|sildenafil|ED tablets} online, discreet delivery {across Nairobi|in Kisumu and Nairobi}.",
    "Lose {8|10|15} kg in {2|3} weeks with SlimKwik herbal tea. No gym, no diet!",
    "Nguvu Max capsules: last longer and satisfy your partner. 100% herbal, no side effects.",
    "Buy tramadol and diazepam without prescription, overnight delivery.",
    "Reverse diabetes and high blood pressure naturally in 30 days. Doctors don't want you to know this.",
    "Hips and bums enlargement cream, see results in {7|14} days.",
    "Herbal cure for ulcers, typhoid and fibroids. Many testimonials.",
    "Skin lightening cream, results in one week, safe for all skin types.",
    "Cheap antibiotics and painkillers, no prescription needed, delivered to your door.",
    "Quit smoking in 7 days with our natural drops.",
]
PHARMA_CTA = [
    "Order: <URL>",
    "WhatsApp <PHONE>",
    "Call Dr. {Amina|Otieno|Wafula} on <PHONE>",
    "Free delivery!! <URL>",
    "Buy now, pay on delivery: <PHONE>",
    "Visit our online pharmacy <URL>",
]
PHARMA_SW = [
    "Dawa ya asili ya nguvu za kiume, matokeo ndani ya siku {3|7}. Tunasafirisha nchi nzima.",
    "Punguza uzito kilo 10 kwa wiki mbili kwa chai ya mitishamba. Bila mazoezi!",
    "Tiba ya asili ya kisukari na presha, matokeo ndani ya mwezi mmoja.",
]
PHARMA_DOMAINS = [
    "dawa-safi.example",
    "meds24-ke.example",
    "slimkwik.example",
    "nguvu-max.example",
    "afya-herbs.example",
]
ROMANCE = [
    "Hi dear, I saw your comment and I like how you think. I am <LADY>, {23|25|27}, from {Nakuru|Mombasa|Eldoret}. Write to me at <EMAIL> so we can talk privately 😘",
    "Lonely tonight? Beautiful single ladies near you are waiting to chat 💋 <URL>",
    "Sugar mummies in {Nairobi|Mombasa|Kisumu} are looking for young energetic men. Connection fee Sh{1,000|1,500}. WhatsApp <PHONE>",
    "Are you looking for a serious relationship? Join East Africa's {best|number one} dating site today: <URL>",
    "Bring back your lost lover in {24|48} hours! Powerful love spells by Dr. {Mkubwa|Babu Hussein|Kalaki}. Call <PHONE>",
    "Hello handsome 😍 I am new in town and looking for a caring man. See my photos <URL>",
    "A wealthy widow in {the UK|Germany|Canada} is looking for an honest African man to marry. Contact her agent <PHONE>",
    "Want to get married this year? Our matchmakers have joined {3,000|5,000} couples. <URL>",
    "Hi, sorry to disturb you here. I'm <LADY>, let's be friends. My WhatsApp <PHONE> 🌹",
    "Is your partner cheating? Our spiritual doctor reveals everything in one day. <PHONE>",
]
ROMANCE_SW = [
    "Habari mpenzi, naitwa <LADY>, nina miaka {24|26}. Nimependa maoni yako, niandikie WhatsApp <PHONE> tuongee zaidi 😘",
    "Unatafuta mchumba wa kweli? Jiunge na kundi letu la wapenzi leo: <URL>",
    "Mpenzi wako amekuacha? Dkt. {Mkubwa|Kalaki} atamrudisha ndani ya siku tatu. Piga <PHONE>",
]
DATING_DOMAINS = [
    "moyo-date.example",
    "singles254.example",
    "pendo-connect.example",
    "lovelinks-ea.example",
]
PRIZE_BRANDS = [
    "Zawadi Mobile",
    "Tuzo Telecom",
    "Bahati Bank",
    "PesaPap wallet",
    "Nyota Supermarkets",
]
PRIZE_WIN = [
    "CONGRATULATIONS!!! Your {number|comment|email} has been selected as a winner of Sh{250,000|500,000|1,000,000} in the <PRIZE> {20th anniversary|end-year|customer appreciation} promotion.",
    "You have won a brand-new smartphone and Sh{20,000|50,000} airtime from <PRIZE>.",
    "Dear customer, you are today's lucky winner of a <PRIZE> shopping voucher worth Sh{30,000|100,000}.",
    "<PRIZE> is giving Sh5,000 to 1,000 lucky customers to celebrate {10|5} years, and you are one of them!",
    "Your account has been picked in the <PRIZE> weekly draw. Prize: Sh{75,000|150,000} cash.",
]
PRIZE_CLAIM = [
    "To claim, call our customer care manager on <PHONE> with your ID number.",
    "Send a processing fee of Sh{1,200|1,500|2,500} to receive your prize.",
    "Claim before {midnight|5pm today}: <URL>",
    "Reply with your full name, ID number and location.",
    "Enter your PIN at <URL> to verify your account.",
    "Only {3|2} hours left!!",
    "Ref no. {ZM|TT|BB}{4471|8820|3095}. Do not share this message.",
]
PRIZE_SW_WIN = [
    "Hongera! Namba yako imeshinda shilingi {250,000|500,000} kwenye promosheni ya <PRIZE>.",
    "Umechaguliwa kuwa mshindi wa simu mpya na muda wa maongezi wa shilingi 20,000 kutoka <PRIZE>.",
    "Wewe ni mshindi wa droo ya wiki hii ya <PRIZE>, zawadi ni shilingi 100,000 taslimu.",
]
PRIZE_SW_CLAIM = [
    "Piga simu kwa huduma kwa wateja <PHONE> ukiwa na kitambulisho chako.",
    "Tuma ada ya usajili ya shilingi 1,500 upokee zawadi yako.",
    "Dai zawadi yako kabla ya saa sita usiku: <URL>",
    "Usimwambie mtu yeyote ujumbe huu.",
]
PRIZE_DOMAINS = [
    "zawadi-promo.example",
    "claim-prize.example",
    "tuzo-rewards.example",
    "winners-ke.example",
]
# Swahili spam by line of business: lines, calls to action, sender names, domains.
SW_SPAM: dict[str, dict[str, list[str]]] = {
    "mkopo": {
        "lines": [
            "Pata mkopo wa haraka bila dhamana hadi shilingi {50,000|100,000}! Hakuna CRB, pesa inaingia kwa simu ndani ya dakika {5|10}.",
            "Mikopo kwa walimu na watumishi wa umma kwa riba ya chini, bila mdhamini.",
            "Umekwama na karo ya shule? Kopa leo, lipa polepole kwa miezi mitatu.",
        ],
        "cta": ["Tuma neno MKOPO kwa <PHONE>.", "Piga au tuma SMS <PHONE>.", "Omba hapa: <URL>"],
        "names": ["Mkopo Haraka", "Mikopo Chap Chap"],
        "domains": ["mkopochap.example", "haraka-cash.example"],
    },
    "kamari": {
        "lines": [
            "Shinda jackpot ya milioni {10|20|100}! Bashiri mechi za leo na <BRAND>, bonasi ya asilimia 200 kwa amana ya kwanza.",
            "Utabiri wa mechi za leo: tumeshinda jackpot mara tatu mwaka huu. Jiunge na VIP.",
            "Odds za uhakika kila siku, lipa baada ya kushinda.",
        ],
        "cta": [
            "Jiunge hapa: <URL>",
            "WhatsApp <PHONE> upate mkeka wa leo.",
            "Ada ya VIP ni shilingi {500|1,000} tu. <PHONE>",
        ],
        "names": ["Utabiri Sahihi", "Mkeka wa Leo"],
        "domains": ["jackpotkuu.example", "mega-odds.example"],
    },
    "kazi": {
        "lines": [
            "Kazi za mtandaoni: lipwa shilingi {1,000|2,000} kila siku kwa kutazama na kupenda video. Hakuna uzoefu unaohitajika.",
            "Nafasi za kazi {Dubai|Qatar|Saudia}: wahudumu wa hoteli, madereva na walinzi. Mshahara mzuri na malazi bure.",
            "Tunatafuta vijana 50 wa kusambaza bidhaa {Kisumu|Nakuru|Mombasa}, malipo kila siku.",
        ],
        "cta": [
            "Tuma jina lako na namba ya kitambulisho kwa <PHONE>.",
            "Ada ya usajili ni shilingi {500|1,000} tu. <PHONE>",
            "Jisajili hapa: <URL>",
            "Nafasi ni chache, wahi sasa! <PHONE>",
        ],
        "names": ["Kazi Mtandaoni", "Mama Kazi Agency"],
        "domains": ["kazi-online.example", "ajira-connect.example"],
    },
    "mganga": {
        "lines": [
            "Dkt. {Mkubwa|Babu Hamisi|Kalaki} mganga wa jadi: anarudisha mpenzi aliyekuacha, anaondoa mikosi, analeta bahati kwenye biashara na kazi.",
            "Mganga wa kienyeji kutoka pwani: tunatibu kisukari, presha na vidonda vya tumbo bila hospitali.",
            "Una kesi mahakamani au deni sugu? Babu {Hamisi|Omari} anamaliza shida zote kwa siku tatu.",
        ],
        "cta": [
            "Huduma ni ya siri kabisa. Piga <PHONE>",
            "Piga au tuma SMS <PHONE>.",
            "WhatsApp <PHONE> sasa hivi.",
        ],
        "names": ["Dkt. Mkubwa", "Babu Hamisi", "Tiba Asili"],
        "domains": ["tiba-asili.example"],
    },
    "dawa": {
        "lines": [
            "Dawa ya asili ya nguvu za kiume, matokeo ndani ya siku {3|7}. Tunasafirisha nchi nzima.",
            "Punguza uzito kilo 10 kwa wiki mbili kwa chai ya mitishamba. Bila mazoezi!",
        ],
        "cta": [
            "Agiza sasa: <URL>",
            "Tunaleta mlangoni, piga <PHONE>",
            "Huduma ni ya siri kabisa. WhatsApp <PHONE>",
        ],
        "names": ["Dawa Safi", "Afya Herbs"],
        "domains": ["dawa-safi.example", "afya-herbs.example"],
    },
    "uwekezaji": {
        "lines": [
            "Wekeza shilingi {10,000|20,000} leo upate {50,000|100,000} ndani ya wiki moja! Biashara ya forex bila hasara.",
            "Umechoka na madeni? Jiunge na chama chetu cha mtandaoni upate faida ya asilimia 30 kila wiki.",
        ],
        "cta": [
            "Jiunge hapa: <URL>",
            "WhatsApp <PHONE> sasa hivi.",
            "Nafasi ni chache, wahi sasa! <PHONE>",
        ],
        "names": ["Chama cha Faida", "Forex Swahili"],
        "domains": ["usdt-profit.example", "forexking-ke.example"],
    },
    "viwanja": {
        "lines": [
            "Viwanja vinauzwa {Kitengela|Juja|Malaa} kuanzia shilingi {299,000|350,000}, hati safi, malipo kwa awamu."
        ],
        "cta": ["Tembelea <URL>", "Piga <PHONE> kupanga ziara ya bure.", "Maelezo zaidi: <URL>"],
        "names": ["Plot Safi Ltd"],
        "domains": ["plotsafi.example", "ardhi-deals.example"],
    },
    "zawadi": {
        "lines": ["Hongera! Umeshinda zawadi ya shilingi 500,000 kutoka Bahati Bank."],
        "cta": [
            "Tuma ada ya shilingi 1,500 kupokea zawadi yako. <PHONE>",
            "Dai zawadi yako hapa: <URL>",
        ],
        "names": ["Bahati Bank Rewards"],
        "domains": ["claim-prize.example"],
    },
}
SW_HOOK = [
    "Habari njema!",
    "Tangazo muhimu!",
    "Ndugu Mkenya,",
    "Wadau,",
    "Usikose!",
    "Sikiliza hii!",
]
SHENG_SPAM = [
    "Mbogi, mnataka doh ya haraka? Kopa hadi 50k bila CRB, link iko hapa",
    "Wasee, tips za leo zimeiva 🔥 odds 15 weekend, ingieni VIP",
    "Kama uko jobless nicheki, job za online zinalipa daily",
    "Msee wangu alikula jackpot juu ya hii group, usibaki nyuma",
    "Doh ya fees iko, mkopo unaingia kwa simu dakika tano tu",
]
OBF_LINES = [
    "fr33 m0ney every day, n0 j0ke!! ch3ck <URL>",
    "c@sino b0nus 300% + 100 fr33 sp1ns 🎰 <URL>",
    "ch3ap v1agra, s1ldenafil, n0 prescr1ption. Disc.reet del1very <URL>",
    "l.o.a.n.s n.o C.R.B c.h.e.c.k, call <PHONE>",
    "W h a t s A p p me for da1ly pr0fit: <PHONE>",
    "E-A-R-N 5k d@ily fr0m h0me. T e l e g r a m: <TG>",
    "J@ckp0t t1ps 17/17 100% sure, V.I.P only. <PHONE>",
    "B1tc0in d0ubler, s3nd 0.01 g3t 0.02 back in 24h. <URL>",
    "H0t s1ngles n3ar y0u 💋 <URL>",
    "Congratul@tions!! U h@ve w0n Sh50,000. Cl@im: <URL>",
    "M-0-N-E-Y  F-A-S-T  👉 <URL>",
    "I n s t a n t  l o a n s, n0 CRB, n0 gu@rantor: <PHONE>",
    "w0rk fr0m h0me, 3arn $$$ w33kly, n0 exper1ence. <PHONE>",
    "Be.t.ting t!ps, sur3 0dds d@ily 🔥 <TG>",
]
OBF_LINES_MIXED = [
    "Pata m k o p o  h a r a k a, no CRB check, pesa in 5 minutes: <PHONE>",
    "J@ckp0t ya wiki hii ni m1l10ni 100, join V.I.P sasa: <URL>",
    "K@zi za online, 3arn daily, ni smartphone tu: <PHONE>",
    "B.o.n.a.s.i ya 200% kwa deposit ya kwanza, cash out instantly 💰 <URL>",
]
# Spam that opens like a reader comment, then turns: a turn, then the advert.
PIVOT = {
    "en": [
        "Anyway, for anyone struggling with these hard times,",
        "That's why I stopped depending on {salary|the government} alone.",
        "Speaking of money,",
        "On a brighter note,",
        "If you're tired of complaining like me,",
        "By the way,",
        "PS:",
        "Off topic, but",
        "Honestly the only thing that has helped me is a side hustle.",
    ],
    "sw": [
        "Kwa wale wanaotafuta pesa ya ziada,",
        "Hata hivyo, kama maisha yamekuwa magumu,",
        "Mimi niliamua kutafuta njia nyingine ya kipato.",
        "Kwa njia,",
    ],
}
# The adverts at the end of on-topic spam: (text, domains for <URL>).
PROMO: dict[str, list[tuple[str, list[str]]]] = {
    "en": [
        (
            "I now make Sh{2,000|3,000} a day from my phone with online tasks, DM me on WhatsApp <PHONE> and I'll show you.",
            [],
        ),
        (
            "I got a Sh{20,000|30,000} loan in 5 minutes with no CRB check from <APP>, try it: <URL>",
            ["kopafasta.example", "cashnow-ke.example"],
        ),
        ("My cousin showed me a forex signals group that now pays my rent: <TG>", []),
        (
            "Today's sure odds are on <URL>, I won Sh{14,000|23,000} last weekend.",
            ["mega-odds.example", "betsafi.example"],
        ),
        (
            "Plots in {Juja|Kitengela} are still going for Sh299,000, check <URL> before prices go up.",
            ["plotsafi.example"],
        ),
        (
            "I sell affordable solar lamps and gas cylinders, order at <URL> or call <PHONE>.",
            ["jua-power.example"],
        ),
        (
            "If you need quick cash, <APP> sorted me out: <URL>",
            ["haraka-cash.example", "tosha-loans.example"],
        ),
        ("Join our savings group that pays 20% monthly, limited slots: <PHONE>", []),
        ("Madam Joyce's crypto class changed my life, contact her on <PHONE>.", []),
        ("We are hiring online assistants, Sh1,500 daily, apply at <URL>", ["kazi-online.example"]),
    ],
    "sw": [
        (
            "Mimi sasa napata shilingi 2,000 kila siku kwa kazi za mtandaoni. Nitumie ujumbe WhatsApp <PHONE>.",
            [],
        ),
        ("Nilipata mkopo wa haraka bila CRB kupitia <URL>.", ["mkopochap.example"]),
        ("Jiunge na kundi letu la utabiri wa mechi: <TG>", []),
        ("Kuna viwanja vya bei nafuu Kitengela, maelezo: <URL>", ["plotsafi.example"]),
        ("Chama chetu kinalipa faida ya asilimia 20 kila mwezi, piga <PHONE>.", []),
    ],
}
SPAM_EMOJI = ["🔥", "💰", "✅", "👉", "📲", "💯", "🤑", "⚡", "🎉", "📞", "💸"]
HASHTAGS = {
    "scam-job": ["#jobs", "#kazi", "#hiring", "#kenya", "#hustle", "#workfromhome"],
    "loan": ["#loans", "#mkopo", "#cash", "#kenya", "#hustle"],
    "crypto": ["#forex", "#crypto", "#bitcoin", "#usdt", "#money", "#financialfreedom"],
    "casino-betting": ["#betting", "#jackpot", "#sureodds", "#kenya", "#tips"],
}
SPAM_MAIL_DOMAINS = [
    "mail.example.net",
    "example.com",
    "inbox.example.com",
    "fastmail-ke.example",
    "promo.example",
    "offers.example",
]
SPAM_NAMES: dict[str, list[str]] = {
    "link-spam": [
        "Plot Safi Ltd",
        "Nywele Queen",
        "Laptop Zone 254",
        "Siteyako Web Design",
        "Gari Deals",
        "Fanicha Bora",
        "Harufu Nzuri Perfumes",
    ],
    "seo": [
        "Car Hire Nairobi",
        "Best Essay Writers",
        "SEO Kenya",
        "Cheap Flights KE",
        "CCTV Pro",
        "Movers Nairobi",
        "Dentist Westlands",
    ],
    "scam-job": [
        "Recruitment Officer",
        "HR Manager",
        "Kazi Online KE",
        "Madam Grace (HR)",
        "Overseas Jobs Agency",
        "Ajira Connect",
    ],
    "loan": [
        "Instant Loans KE",
        "HarakaCash Agent",
        "Mkopo Chap",
        "Loan Officer Kevin",
        "Cash Now",
    ],
    "crypto": [
        "Forex With Kev",
        "Crypto Queen Shiro",
        "Brian the Trader",
        "Financial Freedom",
        "Madam Joyce FX",
    ],
    "casino-betting": [
        "VIP Tips Kenya",
        "Sure Odds 254",
        "MegaOdds Official",
        "Jackpot King",
        "Tipster Pro",
    ],
    "pharma": ["Dr. Amina Herbal Clinic", "Nguvu Max", "SlimKwik Kenya", "Dawa Safi", "Afya Herbs"],
    "romance": ["Linda", "Sweet Cynthia", "Sharon 💋", "Dr. Mkubwa", "Lonely Heart", "Stacy"],
    "fake-prize": [
        "Zawadi Mobile Promotions",
        "Customer Care",
        "Claims Desk",
        "Bahati Bank Rewards",
        "Promo Manager",
    ],
    "swahili-spam": [
        "Dkt. Mkubwa",
        "Mkopo Haraka",
        "Kazi Mtandaoni",
        "Mama Kazi Agency",
        "Babu Hamisi",
    ],
    "obfuscated": ["xXjackpotXx", "m0ney_guy", "Fr33 Cash", "l0ans4u", "V1P T1PS"],
    "on-topic-spam": [],
}
SPAM_LOCALS = ["offers", "promo", "info", "support", "admin", "deals", "contact", "sales"]
# Telegram handles by trade.
TG_HANDLES = {
    "job": ["KaziFasta254", "AjiraOnline", "JobsKenyaDaily"],
    "crypto": ["ForexKingKE", "UsdtProfitKE", "SignalsWithKev"],
    "bet": ["VipOddsKE", "SureSlip254", "JackpotKuuVIP"],
    "any": ["CashTips254", "HustleKE"],
}

# ---------------------------------------------------------------------------
# The engine.

ALT = re.compile(r"\{([^{}]*)\}")
SLOT = re.compile(r"<([A-Z][A-Z0-9_]*)>")
SENTENCE_GAP = re.compile(r"(?<=[.!?])\s+(?=\S)")
ALNUM = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
Slots = dict[str, Callable[[], str]]


class Gen:
    """One deterministic stream of comments. part is "bench" or "seed"."""

    def __init__(self, seed: int, part: str) -> None:
        self.rng = random.Random(seed)
        self.part = part
        self._decks: dict[tuple[str, ...], list[Any]] = {}
        # Per comment: links and phone numbers put in, fragments used, names that fit the sender.
        self.links: list[str] = []
        self.phones: list[str] = []
        self.used: set[str] = set()
        self.hint: list[str] = []

    def start_comment(self) -> None:
        self.links, self.phones, self.used, self.hint = [], [], set(), []

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def active(self, items: Sequence[Any]) -> list[Any]:
        """The fragments this part may use.

        A pool of four or more keeps its SEED_SHARE (at least one) for the seed set,
        chosen by a checksum of the text so the choice does not depend on the order.
        """
        if len(items) < 4 or all(isinstance(s, str) and s in SEED_ONLY for s in items):
            return list(items)
        k = max(1, round(len(items) * SEED_SHARE))
        ranked = sorted(items, key=lambda s: zlib.crc32(repr(s).encode()))
        reserved = {repr(s) for s in ranked[:k]}
        return [s for s in items if (repr(s) in reserved) == (self.part == "seed")]

    def draw(self, items: Sequence[Any]) -> Any:
        """A fragment from a shuffled deck of the pool, so repeats wait for a full round.

        A fragment already used in the same comment is put back and another drawn.
        """
        key = tuple(map(repr, items))
        for _ in range(4):
            deck = self._decks.get(key)
            if not deck:
                deck = self.active(items)
                self.rng.shuffle(deck)
                self._decks[key] = deck
            item = deck.pop()
            if repr(item) not in self.used:
                break
            deck.insert(0, item)
        else:
            # A small share (the seed set's) can run out: borrow from the whole pool.
            fresh = [x for x in items if repr(x) not in self.used]
            if fresh:
                item = self.rng.choice(fresh)
        self.used.add(repr(item))
        return item

    def pick(self, items: Sequence[str]) -> str:
        return self.expand(self.draw(items))

    def expand(self, text: str) -> str:
        while m := ALT.search(text):
            text = text[: m.start()] + self.rng.choice(m.group(1).split("|")) + text[m.end() :]
        return text

    def fill(self, text: str, slots: Slots) -> str:
        def value(m: re.Match[str]) -> str:
            return slots[m.group(1)]()

        return SLOT.sub(value, text)

    def quota(self, n: int, weights: dict[str, float]) -> list[str]:
        """n values in the given shares (largest remainder), shuffled."""
        total = sum(weights.values())
        exact = {k: n * w / total for k, w in weights.items()}
        counts = {k: int(v) for k, v in exact.items()}
        for k in sorted(exact, key=lambda k: exact[k] - counts[k], reverse=True)[
            : n - sum(counts.values())
        ]:
            counts[k] += 1
        out = [k for k, v in counts.items() for _ in range(v)]
        self.rng.shuffle(out)
        return out

    # -- links, numbers, people ---------------------------------------------

    def url(self, domain: str, path: str = "", legit: bool = False) -> str:
        path = self.expand(path)
        if legit:
            prefix = "https://" if self.chance(0.9) else "http://"
        else:
            prefix = self.rng.choice(["https://", "https://", "http://", "www.", "", ""])
        u = f"{prefix}{domain}" + (f"/{path}" if path else "")
        self.links.append(u)
        return u

    def short_url(self) -> str:
        code = "".join(self.rng.choice(ALNUM) for _ in range(self.rng.randint(4, 7)))
        u = (
            self.rng.choice(["https://", "", "", "http://"])
            + f"{self.rng.choice(SHORTENERS)}/{code}"
        )
        self.links.append(u)
        return u

    def spam_url(self, domains: Sequence[str], slug: str = "") -> str:
        if not slug and self.chance(0.25):
            return self.short_url()
        domain = self.rng.choice(list(domains))
        if self.chance(0.12):
            domain = domain.replace(
                ".example", self.rng.choice([".example.com", ".example.co.ke", ".example.net"])
            )
        path = slug or self.rng.choice(
            [
                "",
                "",
                "",
                "offer",
                "register",
                "apply-now",
                "promo/{ke|254|2024}",
                "?ref={a1|x9|kk|254}",
                "join",
                "deal-of-the-day",
            ]
        )
        return self.url(domain, path)

    def tg(self, trade: str = "any") -> str:
        handle = self.rng.choice(TG_HANDLES[trade])
        if self.chance(0.5):
            return "@" + handle
        u = self.rng.choice(["https://", ""]) + "t.example/" + handle.lower()
        self.links.append(u)
        return u

    def phone(self) -> str:
        # 555 01xx is the well-known pattern of fictional numbers; none is meant to be dialled.
        d = f"7{self.rng.randint(0, 9)}{self.rng.randint(0, 9)}5550{self.rng.randint(10, 99)}"
        p = self.rng.choice(
            [
                f"+254 {d[:3]} {d[3:6]} {d[6:]}",
                f"+254{d}",
                f"0{d[:3]} {d[3:6]} {d[6:]}",
                f"0{d}",
                f"254{d}",
                f"0{d[:3]}-{d[3:6]}-{d[6:]}",
            ]
        )
        self.phones.append(p)
        return p

    def email_for(self, name: str, first: str, last: str, domains: Sequence[str]) -> str:
        if not name:
            if self.chance(0.5):
                return ""
            return f"{self.rng.choice(['anon', 'reader', 'msomaji', 'guest'])}{self.rng.randint(1, 999)}@{self.rng.choice(domains)}"
        if name not in HANDLES and (
            name.split()[0] in (first, *TITLES) or name.lower().startswith(first.lower())
        ):
            local = self.rng.choice(
                [
                    f"{first}.{last}",
                    f"{first}{last}",
                    f"{first}_{last[0]}",
                    f"{first}{self.rng.randint(70, 99)}",
                    f"{last}.{first}",
                    f"{first[0]}{last}",
                ]
            )
        else:
            local = name
        local = re.sub(
            r"[^a-z0-9._]", "", local.lower().replace(" ", self.rng.choice([".", "_", ""]))
        )
        if self.chance(0.25):
            local += str(
                self.rng.choice([self.rng.randint(1, 99), 254, 2024, self.rng.randint(1980, 2004)])
            )
        return f"{local or 'reader'}@{self.rng.choice(domains)}"

    def person(self, anonymous: float = 0.08) -> tuple[str, str]:
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        r = self.rng.random()
        if self.chance(anonymous):
            name = ""
        elif r < 0.33:
            name = f"{first} {last}"
        elif r < 0.55:
            name = first
        elif r < 0.64:
            name = f"{first} {last[0]}."
        elif r < 0.70:
            name = self.rng.choice([f"{first}{last}".lower(), f"{first.lower()}_{last.lower()}"])
        elif r < 0.78:
            name = f"{self.rng.choice(TITLES)} {first}"
        else:
            name = self.rng.choice(HANDLES)
        return name, self.email_for(name, first, last, HAM_MAIL_DOMAINS)

    def spammer(self, kind: str) -> tuple[str, str]:
        """A sender: half the time a trade name that fits the advert, else a person."""
        names = self.hint or SPAM_NAMES[kind]
        if kind == "on-topic-spam" or not names or self.chance(0.5):
            name, email = self.person(anonymous=0.05)
            if email and self.chance(0.5):
                email = email.split("@")[0] + "@" + self.rng.choice(SPAM_MAIL_DOMAINS)
            return name, email
        name = self.rng.choice(names)
        local = re.sub(r"\.+", ".", re.sub(r"[^a-z0-9.]", "", name.lower().replace(" ", ".")))[
            :20
        ].strip(".")
        if self.chance(0.35):
            local = self.rng.choice(SPAM_LOCALS)
        if self.chance(0.5):
            local += str(self.rng.randint(1, 9999))
        return name, f"{local or 'info'}@{self.rng.choice(SPAM_MAIL_DOMAINS)}"

    def reply_name(self) -> str:
        return self.rng.choice(FIRST_NAMES) if self.chance(0.7) else self.rng.choice(HANDLES)

    # -- text surgery ---------------------------------------------------------

    def pieces(self, body: str) -> list[str]:
        """body split into alternate plain text and links (odd indices are links)."""
        links = sorted(
            {u for u in self.links if u in body}, key=lambda u: (len(u), u), reverse=True
        )
        if not links:
            return [body]
        return re.split("(" + "|".join(map(re.escape, links)) + ")", body)

    def outside_links(self, body: str, fn: Callable[[str], str]) -> str:
        return "".join(p if i % 2 else fn(p) for i, p in enumerate(self.pieces(body)))

    def sub_some(
        self, body: str, pattern: re.Pattern[str], fn: Callable[[str], str], limit: int
    ) -> tuple[str, int]:
        """Applies fn to up to limit randomly chosen matches outside links."""
        parts = self.pieces(body)
        total = sum(len(pattern.findall(p)) for i, p in enumerate(parts) if not i % 2)
        if not total:
            return body, 0
        chosen = set(self.rng.sample(range(total), min(limit, total)))
        seen = 0

        def one(m: re.Match[str]) -> str:
            nonlocal seen
            seen += 1
            return fn(m.group(0)) if seen - 1 in chosen else m.group(0)

        out = "".join(p if i % 2 else pattern.sub(one, p) for i, p in enumerate(parts))
        return out, len(chosen)

    def typo(self, body: str) -> str:
        def slip(w: str) -> str:
            i = self.rng.randrange(1, len(w) - 2)
            how = self.rng.choice(["swap", "drop", "double"])
            if how == "swap":
                return w[:i] + w[i + 1] + w[i] + w[i + 2 :]
            if how == "drop":
                return w[:i] + w[i + 1 :]
            return w[:i] + w[i] + w[i:]

        return self.sub_some(body, re.compile(r"\b[a-z]{5,}\b"), slip, 1)[0]


def _constant(value: str, _match: str) -> str:
    return value


def cap_first(s: str) -> str:
    return s[:1].upper() + s[1:] if s[:1].islower() else s


# Words that keep their capital after a comma.
PROPER = {
    "I",
    "I'm",
    "Kisumu",
    "Nairobi",
    "Kenya",
    "Kenyans",
    "Wakenya",
    "Mungu",
    "God",
    "Githurai",
    "Kasarani",
    "Stars",
    "Nyando",
    "Mombasa",
    "Thika",
    "Syokimau",
    "Kitengela",
    "Juja",
    "Madam",
    "Mr.",
    "Dr.",
    "Dkt.",
    "Ahero",
    "Kondele",
    "Kahawa",
    "Roysambu",
    "Harambee",
    "Nyayo",
    "Oginga",
    "Kakamega",
    "Kitale",
    "Nandi",
    "Wizara",
    "Hazina",
    "Mat",
    "Ma-artist",
    "MCAs",
    "MCA",
    "Sister",
    "Farmers",
    "Festival",
    "Expressway",
}


def lower_first(s: str) -> str:
    first = s.split(" ", 1)[0]
    if first in PROPER or first.rstrip(",.!?") in PROPER or any(ch.isdigit() for ch in first):
        return s
    if len(first) > 1 and not first[1:].islower():
        return s
    return s[:1].lower() + s[1:]


def join(parts: Sequence[str]) -> str:
    out: list[str] = []
    for p in parts:
        p = p.strip() if p else ""
        if not p:
            continue
        if out and out[-1].endswith(","):
            p = lower_first(p)
        out.append(p)
    return " ".join(out)


def norm(body: str) -> str:
    return re.sub(r"\s+", " ", body).strip().casefold()


def words_key(body: str) -> str:
    """A body reduced to its words: two bodies that differ only in emoji or punctuation share it."""
    return " ".join(re.findall(r"\w+", norm(body)))


def sentences(body: str) -> list[str]:
    return [s for s in SENTENCE_GAP.split(body.strip()) if re.search(r"\w", s)]


# ---------------------------------------------------------------------------
# Ham.

Topic = dict[str, Any]
MIXED_ANY = [
    ("sw", "en"),
    ("sheng", "en"),
    ("en", "sw"),
    ("en", "sheng"),
    ("en", "mixed"),
    ("sw", "mixed"),
    ("sheng", "mixed"),
]
MIXED_NO_MIXED = [("sw", "en"), ("sheng", "en"), ("en", "sw"), ("sheng", "sw"), ("en", "sheng")]
MIXED_EN_SW = [("sw", "en"), ("en", "sw")]


def split_lang(
    c: Gen, lang: str, options: Sequence[tuple[str, str]] = MIXED_ANY
) -> tuple[str, str]:
    """(language of the frame, language of the content); they differ only for "mixed"."""
    if lang != "mixed":
        return lang, lang
    return c.rng.choice(list(options))


def take(c: Gen, t: Topic, lang: str, critical: bool = False) -> str:
    pool = t["take"][lang]
    if critical:
        pool = [x for x in pool if not x.startswith("+")] or pool
    return c.pick(pool).removeprefix("+")


def actors(c: Gen, t: Topic) -> Slots:
    return {"ACTOR": lambda: c.pick(t["actor"]["en"]), "ACTOR_SW": lambda: c.pick(t["actor"]["sw"])}


def h_agree(c: Gen, t: Topic, lang: str) -> str:
    fl, cl = split_lang(c, lang)
    parts = [c.pick(AGREE[fl]) if c.chance(0.85) or fl != cl else "", take(c, t, cl)]
    r = c.rng.random()
    if r < 0.3:
        parts.append(take(c, t, cl))
    elif r < 0.55:
        parts.append(c.pick(CLOSE[fl]))
    return join(parts)


def h_disagree(c: Gen, t: Topic, lang: str) -> str:
    fl, cl = split_lang(c, lang)
    parts = [c.pick(DISAGREE[fl]), take(c, t, cl, critical=True)]
    r = c.rng.random()
    if r < 0.35:
        parts.append(c.pick(DISAGREE_TAIL[fl]))
    elif r < 0.6:
        parts.append(take(c, t, cl, critical=True))
    return join(parts)


def h_question(c: Gen, t: Topic, lang: str) -> str:
    fl, cl = split_lang(c, lang, MIXED_NO_MIXED)
    ask = c.pick(t["ask"][cl])
    r = c.rng.random()
    if r < 0.35 or fl != cl:
        parts = [c.pick(ASK_OPEN[fl]), ask]
    elif r < 0.6:
        parts = [take(c, t, cl), ask]
    elif r < 0.8:
        parts = [ask, c.pick(ASK_CLOSE[fl])]
    else:
        parts = [ask, c.pick(t["ask"][cl]) if c.chance(0.5) else ""]
    return join(parts)


def h_story(c: Gen, t: Topic, lang: str) -> str:
    fl, cl = split_lang(c, lang, MIXED_NO_MIXED)
    parts = [c.pick(STORY_OPEN[fl]) if c.chance(0.3) else "", c.pick(t["story"][cl])]
    r = c.rng.random()
    if r < 0.35 or (fl != cl and not parts[0]):
        parts.append(c.pick(STORY_TAIL[fl]))
    elif r < 0.6:
        parts.append(take(c, t, cl))
    return join(parts)


def h_correction(c: Gen, t: Topic, lang: str) -> str:
    fl, cl = split_lang(c, lang, MIXED_EN_SW)
    if c.chance(0.55):
        fix = c.pick(t["fix"][cl])
    else:
        right, wrong = t["nums"][cl]
        fix = c.fill(c.pick(FIX_GENERIC[cl]), {"N1": lambda: right, "N2": lambda: wrong})
    return join([fix, c.pick(FIX_CLOSE[fl]) if c.chance(0.45) or fl != cl else ""])


def h_joke(c: Gen, t: Topic, lang: str) -> str:
    fl, cl = split_lang(c, lang, MIXED_NO_MIXED)
    joke = c.pick(t["joke"][cl]) if c.chance(0.85) else c.pick(JOKE_GENERIC[cl])
    parts = [take(c, t, cl) if c.chance(0.25) else "", joke]
    if c.chance(0.4) or fl != cl:
        parts.append(c.pick(JOKE_TAIL[fl]))
    return join(parts)


def h_angry(c: Gen, t: Topic, lang: str) -> str:
    fl, cl = split_lang(c, lang)

    def rant() -> str:
        s = cap_first(c.fill(c.pick(ANGRY[fl]), actors(c, t)))
        return s.upper() if c.chance(0.12) else s

    r = c.rng.random()
    if r < 0.4:
        parts = [rant(), take(c, t, cl, critical=True)]
    elif r < 0.7:
        parts = [take(c, t, cl, critical=True), rant()]
    else:
        parts = [rant(), take(c, t, cl, critical=True), rant()]
    return join(parts)


def h_reply(c: Gen, t: Topic, lang: str) -> str:
    fl, cl = split_lang(c, lang, MIXED_NO_MIXED)
    name = {"NAME": c.reply_name}
    r = c.rng.random()
    if r < 0.55 or fl != cl:
        return join([c.fill(c.pick(REPLY_PREFIX[fl]), name), take(c, t, cl)])
    if r < 0.8:
        return c.fill(c.pick(REPLY_ALONE[fl]), name)
    what = c.pick(t["ask"][cl]) if c.chance(0.5) else c.pick(t["story"][cl])
    return join(["@" + c.reply_name(), what])


def h_analysis(c: Gen, t: Topic, lang: str) -> str:
    fl, cl = split_lang(c, lang, MIXED_EN_SW)
    facts = t["facts"][cl]
    opener = c.pick(AN_OPEN[fl]) if c.chance(0.5) or fl != cl else ""
    closer = c.pick(AN_CLOSE[fl]) if c.chance(0.55) else ""
    room = 6 - bool(opener) - bool(closer)
    k = c.rng.randint(min(2, room), min(len(facts), room))
    chosen = set(c.rng.sample(range(len(facts)), k))
    numeric = [i for i, f in enumerate(facts) if re.search(r"\d", f)]
    if not chosen & set(numeric):
        chosen.discard(c.rng.choice(sorted(chosen)))
        chosen.add(c.rng.choice(numeric))
    text = join([opener, *(c.expand(facts[i]) for i in sorted(chosen)), closer])
    if len(sentences(text)) < 3:
        text = join([text, c.pick(AN_CLOSE[fl]) if not closer else c.pick(CLOSE[fl])])
    return text


def h_short(c: Gen, t: Topic, lang: str) -> str:
    moods = {"neg": ("any", "neg"), "pos": ("any", "pos"), "mixed": ("any", "neg", "pos")}[
        t["mood"]
    ]

    def one() -> str:
        return c.pick(SHORT[lang][c.rng.choice(moods)])

    s = c.pick(t["short"][lang]) if c.chance(0.2) else one()
    if c.chance(0.12):
        s = join([s, one()])
    r = c.rng.random()
    if r < 0.12 and s[-1] in ".!":
        s = s[:-1] + "!!"
    elif r < 0.2 and s[-1] == ".":
        s = s[:-1] + "..."
    elif r < 0.3 and s[-1] == ".":
        s = s[:-1]
    return s


def h_link(c: Gen, t: Topic, lang: str) -> str:
    fl, cl = split_lang(c, lang, [("sw", "en"), ("en", "sw"), ("sheng", "en"), ("sheng", "sw")])
    domain, path = c.rng.choice(t["links"])
    url = c.short_url() if c.chance(0.1) else c.url(domain, path, legit=True)
    frame = c.fill(c.pick(LINK_FRAME[fl]), {"URL": lambda: url})
    r = c.rng.random()
    if r < 0.45:
        return join([take(c, t, cl), frame])
    if r < 0.8 or fl != cl:
        gap = "\n" if frame.endswith(url) and c.chance(0.7) else " "
        return frame + gap + take(c, t, cl)
    return frame


def h_sheng(c: Gen, t: Topic, lang: str) -> str:
    def piece() -> str:
        what = c.rng.choice(["take", "take", "take", "ask", "story", "joke", "generic"])
        if what == "generic":
            return c.fill(c.pick(SHENG_GENERIC), actors(c, t))
        return take(c, t, "sheng") if what == "take" else c.pick(t[what]["sheng"])

    parts = [c.pick(SHENG_OPEN) if c.chance(0.35) else ""]
    if lang == "mixed":
        parts += [take(c, t, "mixed"), piece() if c.chance(0.5) else c.pick(CLOSE["sheng"])]
    else:
        parts += [piece(), piece() if c.chance(0.35) else ""]
        if c.chance(0.3):
            parts.append(c.pick(CLOSE["sheng"]))
    return join(parts)


HAM_GEN: dict[str, Callable[[Gen, Topic, str], str]] = {
    "agree": h_agree,
    "disagree": h_disagree,
    "question": h_question,
    "personal-story": h_story,
    "correction": h_correction,
    "joke": h_joke,
    "angry-but-legit": h_angry,
    "reply": h_reply,
    "long-analysis": h_analysis,
    "short": h_short,
    "with-legit-link": h_link,
    "sheng": h_sheng,
}


def finish_ham(c: Gen, body: str, kind: str, lang: str, mood: str) -> str:
    if kind != "short" and c.chance(0.2):
        parts = sentences(body)
        if len(parts) >= 2:
            i = c.rng.randrange(1, len(parts))
            body = " ".join(parts[:i]) + ("\n\n" if c.chance(0.3) else "\n") + " ".join(parts[i:])
    if c.chance({"en": 0.06, "sw": 0.06, "sheng": 0.25, "mixed": 0.15}[lang]):
        body = c.outside_links(body, str.lower)
    if c.chance(0.1):
        body = c.typo(body)
    if c.chance(0.15):
        for right, wrong in c.rng.sample(MISSPELLINGS, len(MISSPELLINGS)):
            pattern = re.compile(rf"\b{re.escape(right)}\b")
            if pattern.search(body):
                body = c.sub_some(body, pattern, partial(_constant, wrong), 1)[0]
                break
    if kind == "angry-but-legit" and c.chance(0.3) and body[-1] in ".!":
        body = body.rstrip(".!") + c.rng.choice(["!!", "!!!", "!"])
    elif c.chance(0.15) and body.endswith(".") and not body.endswith("..."):
        body = body[:-1]
    if c.chance(0.3 if kind in ("joke", "sheng", "short") else 0.12):
        if kind in EMOJI:
            pool = EMOJI[kind]
        else:
            pool = EMOJI["any"] + EMOJI[mood] if mood != "mixed" else EMOJI["any"]
        repeat = (
            c.rng.choice([1, 1, 1, 2, 3])
            if kind in ("joke", "sheng", "short", "angry-but-legit")
            else 1
        )
        body += ("" if c.chance(0.3) else " ") + c.rng.choice(pool) * repeat
    if c.chance(0.03):
        body = body.replace(". ", ".  ", 1)
    if kind != "short" and c.chance(0.04):
        body = body.replace(", ", ",", 1)
    return body.strip()


# ---------------------------------------------------------------------------
# Spam.

GENERIC_SPAM_DOMAINS = [
    "cashnow-ke.example",
    "mega-odds.example",
    "plotsafi.example",
    "kazi-online.example",
    "usdt-profit.example",
    "haraka-cash.example",
]


def spam_slots(c: Gen, domains: Sequence[str] = GENERIC_SPAM_DOMAINS, trade: str = "any") -> Slots:
    app = c.rng.choice(LOAN_APPS)
    brand = c.rng.choice(BET_BRANDS)
    return {
        "URL": lambda: c.spam_url(domains),
        "PHONE": c.phone,
        "TG": lambda: c.tg(trade),
        "APP": lambda: app[0],
        "BRAND": lambda: brand[0],
    }


def spam_join(c: Gen, parts: Sequence[str], emoji: float = 0.4, tags: Sequence[str] = ()) -> str:
    parts = [p.strip() for p in parts if p and p.strip()]
    parts = [lower_first(p) if i and parts[i - 1].endswith(",") else p for i, p in enumerate(parts)]
    if c.chance(0.25 if len(parts[0]) < 60 else 0.08):
        parts[0] = c.outside_links(parts[0], str.upper)
    body = (" " if parts[0].endswith(",") or c.chance(0.7) else "\n").join(parts)
    if c.chance(emoji):
        e = "".join(c.rng.sample(SPAM_EMOJI, c.rng.randint(1, 3)))
        body = f"{e} {body}" if c.chance(0.5) else f"{body} {e}"
    if tags and c.chance(0.25):
        body += " " + " ".join(c.rng.sample(list(tags), c.rng.randint(2, min(4, len(tags)))))
    if c.chance(0.15):
        body = re.sub(r"!(?=\s|$)", "!!!", body, count=1)
    return body


def s_link(c: Gen, t: Topic, lang: str) -> str:
    text, domains, sellers = c.draw(LINK_OFFERS)
    c.hint = sellers
    slots = spam_slots(c, domains)
    hl = "sw" if lang == "mixed" else "en"
    cta_lang = "sw" if lang == "mixed" and c.chance(0.5) else "en"
    parts = [
        c.pick(LINK_OPEN[hl]) if c.chance(0.45) or lang == "mixed" else "",
        c.expand(text),
        c.fill(c.pick(LINK_CTA[cta_lang]), slots),
        c.fill(c.pick(CONTACT[cta_lang]), slots) if c.chance(0.3) else "",
    ]
    return spam_join(c, parts)


def s_seo(c: Gen, t: Topic, lang: str) -> str:
    pool = c.active(SEO_KEYWORDS)
    kws = c.rng.sample(pool, min(5, len(pool)))
    kws += c.rng.sample([k for k in SEO_KEYWORDS if k not in kws], 5 - len(kws))

    def keyword(i: int) -> Callable[[], str]:
        return lambda: kws[i][0].title() if c.chance(0.25) else kws[i][0]

    def link(i: int) -> Callable[[], str]:
        kw, domain = kws[i]
        prefix = c.rng.choice(["", "", "best-", "cheap-", "top-"])
        slug = (
            ("" if kw.startswith(prefix[:-1] or "-") else prefix)
            + kw.replace(" ", "-")
            + c.rng.choice(["", "", "/", ".html"])
        )
        return lambda: c.spam_url([domain], slug)

    slots: Slots = {f"KW{i + 1}": keyword(i) for i in range(5)}
    slots |= {f"URL{i + 1}": link(i) for i in range(3)}
    slots |= {
        "ADJ": lambda: c.rng.choice(SEO_ADJ),
        "CITY": lambda: c.rng.choice(SEO_CITIES),
        "TAG1": lambda: kws[0][0].replace(" ", ""),
        "TAG2": lambda: kws[1][0].replace(" ", ""),
        "PHONE": c.phone,
    }
    c.hint = [kws[0][0].title(), f"{kws[0][0].title()} Experts"]
    body = c.fill(c.pick(SEO_TEMPLATES), slots)
    return re.sub(r"\b(best|cheap) cheap\b", r"\1", body)


def s_job(c: Gen, t: Topic, lang: str) -> str:
    slots = spam_slots(
        c, ["kazi-online.example", "ajira-connect.example", "jobs254.example"], "job"
    )
    if lang == "sheng":
        return spam_join(c, [c.pick(JOB_SHENG), c.fill(c.pick(JOB_CTA["sheng"]), slots)])
    hook_lang, cta_lang = (
        ("en", "en") if lang == "en" else c.rng.choice([("sw", "en"), ("en", "sw"), ("sw", "sw")])
    )
    offer = c.pick(JOB_OFFER)
    reqs = [c.pick(JOB_REQ) for _ in range(c.rng.randint(0, 2))]
    # A requirement the offer already states would be said twice.
    reqs = [r for r in reqs if r.lower().rstrip(".!") not in offer.lower()]
    parts = [
        c.pick(JOB_HOOK[hook_lang]) if c.chance(0.7) or hook_lang == "sw" else "",
        offer,
        *reqs,
        c.fill(c.pick(JOB_CTA[cta_lang]), slots),
    ]
    return spam_join(c, parts, tags=HASHTAGS["scam-job"])


def s_loan(c: Gen, t: Topic, lang: str) -> str:
    app, domain = c.rng.choice(LOAN_APPS)
    c.hint = [app, f"{app} Agent", f"{app} Kenya"]
    slots = spam_slots(c, [domain]) | {"APP": lambda: app}
    features = [c.pick(LOAN_FEATURE) for _ in range(c.rng.randint(1, 3))]
    if lang == "sw":
        parts = [c.pick(LOAN_HOOK["sw"]), c.pick(LOAN_SW), c.fill(c.pick(LOAN_CTA["sw"]), slots)]
    elif lang == "mixed":
        hook = c.pick(LOAN_HOOK[c.rng.choice(["sw", "sheng"])])
        parts = [hook, c.pick(LOAN_MIXED), *features[:1], c.fill(c.pick(LOAN_CTA["en"]), slots)]
    else:
        offer = c.fill(c.pick(LOAN_OFFER), slots)
        parts = [
            c.pick(LOAN_HOOK["en"]) if c.chance(0.7) else "",
            offer,
            *features,
            c.fill(c.pick(LOAN_CTA["en"]), slots),
        ]
    return spam_join(c, parts, tags=HASHTAGS["loan"])


def s_crypto(c: Gen, t: Topic, lang: str) -> str:
    guru, he, him = c.rng.choice(CRYPTO_GURUS)
    slots = spam_slots(c, CRYPTO_DOMAINS, "crypto") | {
        "GURU": lambda: guru,
        "HE": lambda: he,
        "HIM": lambda: him,
    }
    hook = (
        c.rng.choice(["Wakenya wenzangu,", "Hii si mchezo wasee,", "Mungu ni mwema 🙏"])
        if lang == "mixed"
        else (c.pick(CRYPTO_HOOK) if c.chance(0.5) else "")
    )
    if c.chance(0.5):
        parts = [
            hook,
            c.fill(c.pick(CRYPTO_TESTIMONY), slots),
            c.fill(c.pick(CRYPTO_REAL), slots) if c.chance(0.6) else "",
        ]
        parts.append(c.fill(c.pick(CRYPTO_CTA_GURU if c.chance(0.6) else CRYPTO_CTA), slots))
    else:
        parts = [hook, c.pick(CRYPTO_OFFER), c.fill(c.pick(CRYPTO_CTA), slots)]
    if lang == "mixed" and c.chance(0.5):
        parts.append("Usikose hii nafasi!")
    return spam_join(c, parts, tags=HASHTAGS["crypto"])


def s_bet(c: Gen, t: Topic, lang: str) -> str:
    brand, domain = c.rng.choice(BET_BRANDS)
    c.hint = [brand, f"{brand} Official", f"{brand} Tips", "VIP Tips Kenya", "Sure Odds 254"]
    slots = spam_slots(c, [domain], "bet") | {"BRAND": lambda: brand}
    if lang == "sheng":
        line = c.pick(BET_SHENG)
    elif lang == "mixed":
        line = c.pick(BET_MIXED)
    else:
        line = c.fill(c.pick(BET_LINES), slots)
    parts = [
        line,
        c.fill(c.pick(BET_LINES), slots) if lang == "en" and c.chance(0.3) else "",
        c.fill(c.pick(BET_CTA), slots),
    ]
    return spam_join(c, parts, emoji=0.55, tags=HASHTAGS["casino-betting"])


def s_pharma(c: Gen, t: Topic, lang: str) -> str:
    slots = spam_slots(c, PHARMA_DOMAINS)
    if lang == "sw":
        cta = c.fill(
            c.rng.choice(
                ["Piga <PHONE>", "Agiza hapa: <URL>", "WhatsApp <PHONE>, tunaleta mlangoni."]
            ),
            slots,
        )
        return spam_join(c, [c.pick(PHARMA_SW), cta])
    parts = [
        c.pick(PHARMA_OFFERS),
        c.rng.choice(
            ["100% original.", "Discreet packaging.", "Pay on delivery.", "Many happy clients.", ""]
        ),
        c.fill(c.pick(PHARMA_CTA), slots),
    ]
    return spam_join(c, parts)


LADIES = [
    "Linda",
    "Cynthia",
    "Sharon",
    "Stacy",
    "Mercy",
    "Joy",
    "Brenda",
    "Vivian",
    "Neema",
    "Rehema",
    "Zuhura",
]


def s_romance(c: Gen, t: Topic, lang: str) -> str:
    lady = c.rng.choice(LADIES)
    mail = f"{lady.lower()}{c.rng.choice(['', '.sweet', '.love', '_x'])}{c.rng.randint(1, 99)}@{c.rng.choice(SPAM_MAIL_DOMAINS)}"
    slots = spam_slots(c, DATING_DOMAINS) | {"LADY": lambda: lady, "EMAIL": lambda: mail}
    line = c.pick(ROMANCE_SW if lang == "sw" else ROMANCE)
    if "<LADY>" in line:
        c.hint = [lady, f"{lady} 💋", f"Sweet {lady}"]
    elif "Dr." in line or "Dkt." in line or "spiritual" in line:
        c.hint = ["Dr. Mkubwa", "Spiritual Healer", "Love Doctor"]
    elif "agent" in line or "site" in line or "matchmakers" in line or "kundi" in line:
        c.hint = ["Pendo Connect", "Singles 254", "Moyo Dating"]
    return spam_join(c, [c.fill(line, slots)], emoji=0.2)


def s_prize(c: Gen, t: Topic, lang: str) -> str:
    prize = c.rng.choice(PRIZE_BRANDS)
    c.hint = [f"{prize} Promotions", f"{prize} Customer Care", "Claims Desk", "Promo Manager"]
    slots = spam_slots(c, PRIZE_DOMAINS) | {"PRIZE": lambda: prize}
    win_sw = lang == "sw" or (lang == "mixed" and c.chance(0.5))
    claim_sw = lang == "sw" or (lang == "mixed" and not win_sw)
    claims = PRIZE_SW_CLAIM if claim_sw else PRIZE_CLAIM
    parts = [
        c.fill(c.pick(PRIZE_SW_WIN if win_sw else PRIZE_WIN), slots),
        c.fill(c.pick(claims), slots),
    ]
    if c.chance(0.4):
        parts.append(c.fill(c.pick(claims), slots))
    return spam_join(c, parts)


def s_swahili(c: Gen, t: Topic, lang: str) -> str:
    if lang == "sheng":
        slots = spam_slots(c)
        tail = c.rng.choice(
            [f"👉 {slots['URL']()}", f"nicheki {slots['PHONE']()}", f"join {slots['TG']()}"]
        )
        return spam_join(c, [c.pick(SHENG_SPAM) + " " + tail], emoji=0.5)
    trade = SW_SPAM[c.pick(list(SW_SPAM))]
    c.hint = trade["names"]
    slots = spam_slots(c, trade["domains"])
    parts = [
        c.pick(SW_HOOK) if c.chance(0.4) else "",
        c.fill(c.pick(trade["lines"]), slots),
        c.fill(c.pick(trade["cta"]), slots),
    ]
    return spam_join(c, parts)


def s_ontopic(c: Gen, t: Topic, lang: str) -> str:
    if lang == "en":
        opening = [
            c.pick(AGREE["en"]) if c.chance(0.3) else "",
            take(c, t, "en"),
            take(c, t, "en") if c.chance(0.25) else "",
        ]
        pl = "en"
    elif lang == "sw":
        opening = [take(c, t, "sw")]
        pl = "sw"
    else:
        opening, pl = c.rng.choice(
            [
                ([take(c, t, "mixed")], "en"),
                ([take(c, t, "sheng")], "en"),
                ([take(c, t, "en")], "sw"),
            ]
        )
    pivot = c.pick(t["pivot"][pl]) if c.chance(0.4) else c.pick(PIVOT[pl])
    text, domains = c.draw(PROMO[pl])
    promo = c.fill(c.expand(text), spam_slots(c, domains or GENERIC_SPAM_DOMAINS))
    promo = lower_first(promo) if pivot[-1] in ",:" or pivot.endswith(" so") else cap_first(promo)
    return join([*opening, pivot, promo])


# Obfuscation: look-alike letters, spacing, invisible characters.
HOMOGLYPHS = {
    "a": "\u0430",
    "e": "\u0435",
    "o": "\u043e",
    "p": "\u0440",
    "c": "\u0441",
    "x": "\u0445",
    "y": "\u0443",
    "i": "\u0456",
    "A": "\u0410",
    "B": "\u0412",
    "E": "\u0415",
    "K": "\u041a",
    "M": "\u041c",
    "H": "\u041d",
    "O": "\u041e",
    "P": "\u0420",
    "C": "\u0421",
    "T": "\u0422",
    "X": "\u0425",
}
LEET = {
    "a": "@4",
    "e": "3",
    "i": "1!",
    "o": "0",
    "s": "5$",
    "l": "1",
    "t": "7",
    "A": "4",
    "E": "3",
    "O": "0",
    "S": "5",
}
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad"]
OBF_KEYWORDS = re.compile(
    r"\b(casino|bonus|viagra|sildenafil|loans?|money|free|whatsapp|bitcoin|jackpot|betting|bet|cash|crypto|earn|win|"
    r"winner|won|telegram|profit|guaranteed|instant|mkopo|pesa|forex|usdt|spins|odds|prize|deposit|pills|dating|"
    r"singles|hiring|salary|claim|congratulations|investment|double|tips|tablets|herbal|slim|CRB|VIP|kazi|jobs?)\b",
    re.IGNORECASE,
)
OBF_STYLES = ["leet", "spaced", "dotted", "fullwidth", "homoglyph", "invisible"]
DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def obf_word(c: Gen, w: str, style: str) -> str:
    if style == "leet":
        out = [c.rng.choice(LEET[ch]) if ch in LEET and c.chance(0.6) else ch for ch in w]
        if "".join(out) == w:
            i = next((i for i, ch in enumerate(w) if ch in LEET), None)
            if i is None:
                return "*".join(w)
            out[i] = LEET[w[i]][0]
        return "".join(out)
    if style == "spaced":
        return " ".join(w)
    if style == "dotted":
        return c.rng.choice([".", "-", "_", "*"]).join(w)
    if style == "fullwidth":
        return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in w)
    if style == "homoglyph":
        out2 = "".join(HOMOGLYPHS.get(ch, ch) for ch in w)
        return out2 if out2 != w else obf_word(c, w, "leet")
    return c.rng.choice(INVISIBLE).join(w)


def obf_phone(c: Gen, phone: str) -> str:
    digits = [ch for ch in phone if ch.isdigit()]
    how = c.rng.choice(["spaced", "letter-o", "words", "mixed"])
    if how == "spaced":
        return " ".join(digits)
    if how == "letter-o":
        return phone.replace("0", "O")
    if how == "words":
        return " ".join(DIGIT_WORDS[int(d)] for d in digits)
    return "".join(DIGIT_WORDS[int(d)] if c.chance(0.3) else d for d in digits)


def obf_link(c: Gen, link: str) -> str:
    host, sep, rest = link.partition("/") if "://" not in link else (link, "", "")
    if "://" in link:
        scheme, _, tail = link.partition("://")
        host, sep, rest = tail.partition("/")
        host = scheme.replace("http", "hxxp") + "://" + host if c.chance(0.3) else host
    dot = c.rng.choice([" (dot) ", "[.]", "(.)", " . ", " dot "])
    return host.replace(".", dot) + sep + rest


def obfuscate(c: Gen, body: str) -> str:
    before = body
    for style in c.rng.sample(OBF_STYLES, c.rng.choice([1, 1, 2])):
        body, n = c.sub_some(
            body, OBF_KEYWORDS, partial(obf_word, c, style=style), c.rng.randint(1, 3)
        )
        if not n:
            # No trigger word: disguise the longest words, as spammers do with product names.
            longest = sorted(
                {w for p in c.pieces(body)[::2] for w in re.findall(r"\b[A-Za-z]{5,}\b", p)},
                key=lambda w: (len(w), w),
            )[-3:]
            if longest:
                pattern = re.compile(r"\b(" + "|".join(longest) + r")\b")
                body = c.sub_some(body, pattern, partial(obf_word, c, style=style), 1)[0]
    phones = [p for p in c.phones if p in body]
    if phones and c.chance(0.5):
        body = body.replace(phones[0], obf_phone(c, phones[0]), 1)
    links = [u for u in c.links if u in body]
    if links and c.chance(0.3):
        new = obf_link(c, links[0])
        body = body.replace(links[0], new, 1)
        c.links[c.links.index(links[0])] = new
    if body == before:
        body = c.sub_some(
            body, re.compile(r"\b[A-Za-z]{4,}\b"), lambda w: obf_word(c, w, "fullwidth"), 1
        )[0]
    return body


def s_obfuscated(c: Gen, t: Topic, lang: str) -> str:
    if c.chance(0.35):
        lines = OBF_LINES if lang == "en" else OBF_LINES_MIXED
        return spam_join(
            c, [c.fill(c.pick(lines), spam_slots(c) | {"URL": c.short_url})], emoji=0.3
        )
    if lang == "mixed":
        base = c.rng.choice([s_loan, s_bet, s_job, s_prize])(c, t, "mixed")
    else:
        base = c.rng.choice([s_link, s_loan, s_crypto, s_bet, s_pharma, s_romance, s_prize, s_job])(
            c, t, "en"
        )
    return obfuscate(c, base)


SPAM_GEN: dict[str, Callable[[Gen, Topic, str], str]] = {
    "link-spam": s_link,
    "seo": s_seo,
    "scam-job": s_job,
    "loan": s_loan,
    "crypto": s_crypto,
    "casino-betting": s_bet,
    "pharma": s_pharma,
    "romance": s_romance,
    "fake-prize": s_prize,
    "obfuscated": s_obfuscated,
    "swahili-spam": s_swahili,
    "on-topic-spam": s_ontopic,
}


# ---------------------------------------------------------------------------
# The corpus.


def build(
    part: str, seed: int, per_kind: int | None = None, exclude: set[str] | None = None
) -> list[dict[str, Any]]:
    c = Gen(seed, part)
    articles = TOPICS if part == "bench" else SEED_TOPICS
    seen = set(exclude or ())
    records: list[dict[str, Any]] = []
    for label, kinds, langs, gens in (
        ("ham", HAM_KINDS, HAM_LANGS, HAM_GEN),
        ("spam", SPAM_KINDS, SPAM_LANGS, SPAM_GEN),
    ):
        for kind, count in kinds.items():
            n = per_kind or count
            topics = [list(articles)[i % len(articles)] for i in range(n)]
            c.rng.shuffle(topics)
            for i, (lang, topic) in enumerate(zip(c.quota(n, langs[kind]), topics, strict=True)):
                for _attempt in range(500):
                    c.start_comment()
                    body = gens[kind](c, articles[topic], lang)
                    if label == "ham":
                        body = finish_ham(c, body, kind, lang, articles[topic]["mood"])
                    if words_key(body) not in seen:
                        break
                else:
                    raise RuntimeError(f"cannot find a new body for {label}/{kind}/{lang}")
                seen.add(words_key(body))
                links = list(dict.fromkeys(u for u in c.links if u in body))
                author_name, author_email = c.person() if label == "ham" else c.spammer(kind)
                rec: dict[str, Any] = {
                    "id": f"{'seed-' if part == 'seed' else ''}{label}-{kind}-{i + 1:03d}"
                }
                if part == "bench":
                    rec["split"] = ""
                rec |= {"label": label, "kind": kind, "lang": lang}
                if part == "bench":
                    rec["article"] = topic
                rec |= {
                    "author_name": author_name,
                    "author_email": author_email,
                    "body": body,
                    "links": links,
                }
                records.append(rec)
    if part == "bench":
        groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for rec in records:
            groups[rec["label"], rec["kind"]].append(rec)
        for group in groups.values():
            order = c.rng.sample(group, len(group))
            n_train = round(len(group) * TRAIN_SHARE)
            for j, rec in enumerate(order):
                rec["split"] = "train" if j < n_train else "test"
    c.rng.shuffle(records)
    return records


def bench_records() -> list[dict[str, Any]]:
    return build("bench", BENCH_SEED)


def seed_records(bench: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return build(
        "seed", SEED_SET_SEED, SEED_SET_PER_KIND, exclude={words_key(r["body"]) for r in bench}
    )


def dumps(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def expect(condition: object, problem: object) -> None:
    if not condition:
        raise ValueError(f"corpus check failed: {problem!r}")


def check(records: list[dict[str, Any]]) -> None:
    """Fails loudly when a record breaks the corpus's promises."""
    expect(len({r["id"] for r in records}) == len(records), "ids are not unique")
    for r in records:
        kinds = HAM_KINDS if r["label"] == "ham" else SPAM_KINDS
        expect(r["kind"] in kinds, r)
        expect(r["lang"] in ("en", "sw", "sheng", "mixed"), r)
        expect(r["body"] and r["body"] == r["body"].strip(), r)
        expect(not SLOT.search(r["body"]), r["body"])
        expect(not ALT.search(r["body"]), r["body"])
        for u in r["links"]:
            expect(u in r["body"], (u, r["body"]))
        if r["kind"] in ("link-spam", "seo", "with-legit-link"):
            expect(r["links"], r)
        if r["label"] == "ham" and r["kind"] != "with-legit-link":
            expect(not r["links"], r)
        if r["kind"] == "long-analysis":
            expect(3 <= len(sentences(r["body"])) <= 6, r["body"])
            expect(re.search(r"\d", r["body"]), r["body"])
        if r["kind"] == "seo":
            expect(len(r["links"]) >= 2, r)
        email = r["author_email"]
        expect(
            not email or re.fullmatch(r"[a-z0-9._]+@([a-z0-9-]+\.)*example(\.[a-z.]+)?", email),
            email,
        )
    if "split" in records[0]:
        for label, kinds in (("ham", HAM_KINDS), ("spam", SPAM_KINDS)):
            for kind in kinds:
                splits = {r["split"] for r in records if r["label"] == label and r["kind"] == kind}
                expect(splits == {"train", "test"}, (label, kind, splits))


def near_duplicates(bodies: list[str], threshold: float = 0.8) -> int:
    """Pairs of bodies whose sets of words overlap by at least threshold (Jaccard)."""
    sets = [frozenset(re.findall(r"\w+", norm(b))) for b in bodies]
    pairs = 0
    for i, a in enumerate(sets):
        for b in sets[i + 1 :]:
            if a and b and len(a & b) / len(a | b) >= threshold:
                pairs += 1
    return pairs


def stats(records: list[dict[str, Any]]) -> str:
    out: list[str] = []
    has_split = "split" in records[0]
    by_label = Counter(r["label"] for r in records)
    out.append(
        f"Total: {len(records)} comments, {by_label['ham']} ham and {by_label['spam']} spam.\n"
    )
    for label, kinds in (("ham", HAM_KINDS), ("spam", SPAM_KINDS)):
        rows = [r for r in records if r["label"] == label]
        out.append(f"\n{label} by kind:\n")
        out.append(
            "| kind | all | train | test | en | sw | sheng | mixed |"
            if has_split
            else "| kind | all | en | sw | sheng | mixed |"
        )
        out.append("|---" * (8 if has_split else 6) + "|")
        for kind in [*kinds, "(all)"]:
            group = rows if kind == "(all)" else [r for r in rows if r["kind"] == kind]
            langs = Counter(r["lang"] for r in group)
            cells = [kind, str(len(group))]
            if has_split:
                splits = Counter(r["split"] for r in group)
                cells += [str(splits["train"]), str(splits["test"])]
            cells += [str(langs[x]) for x in ("en", "sw", "sheng", "mixed")]
            out.append("| " + " | ".join(cells) + " |")
        langs = Counter(r["lang"] for r in rows)
        share = ", ".join(
            f"{x} {100 * langs[x] / len(rows):.0f}%" for x in ("en", "sw", "sheng", "mixed")
        )
        bodies = [r["body"] for r in rows]
        exact = len(bodies) - len({norm(b) for b in bodies})
        out.append(
            f"\n{label}: languages {share}; with links {sum(1 for r in rows if r['links'])}; "
            f"anonymous {sum(1 for r in rows if not r['author_name'])}; "
            f"mean length {sum(map(len, bodies)) / len(bodies):.0f} characters; "
            f"exact duplicate bodies {exact}; near-duplicate pairs (word overlap >= 0.8) {near_duplicates(bodies)}.\n"
        )
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--seed-set", action="store_true", help="write the built-in training set instead"
    )
    parser.add_argument(
        "--show", type=int, default=0, metavar="N", help="print N random bodies of each label"
    )
    parser.add_argument(
        "--check", action="store_true", help="only verify that the file on disk is up to date"
    )
    args = parser.parse_args(argv)

    bench = bench_records()
    records, path = (seed_records(bench), SEED_SET_PATH) if args.seed_set else (bench, BENCH_PATH)
    check(records)
    if args.seed_set:
        shared = {words_key(r["body"]) for r in records} & {words_key(r["body"]) for r in bench}
        expect(not shared, shared)
    text = dumps(records)
    rel = path.relative_to(ROOT)
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        print(f"{rel}: {'up to date' if current == text else 'OUT OF DATE'}")
        return 0 if current == text else 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"Wrote {rel} ({path.stat().st_size:,} bytes).\n")
    print(stats(records))
    if args.show:
        show = random.Random()
        for label in ("ham", "spam"):
            rows = [r for r in records if r["label"] == label]
            print(f"\n=== {args.show} random {label} ===")
            for r in show.sample(rows, args.show):
                print(
                    f"\n[{r['kind']}/{r['lang']}/{r.get('article', '')}] {r['author_name']!r} <{r['author_email']}>\n{r['body']}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
