#!/usr/bin/env python3
"""Build heldout.jsonl (folder x) from the hand-written question list below.

Each entry is tagged with its document ("doc"); the tag is not written out.
Personas: diplomat (D), tourist planning a trip (T), economics student (E).
"""
import json, os, random, re

HERE = os.path.dirname(os.path.abspath(__file__))
DOC = "china-kazakhstan-relations.txt"

def F(q, gold, ans, p):
    return {"doc": DOC, "kind": "factoid", "question": q, "gold": gold, "answer_any": ans, "persona": p}

def FU(hist, q, gold, ans, p):
    return {"doc": DOC, "kind": "followup", "history": hist, "question": q, "gold": gold, "answer_any": ans, "persona": p}

def U(q, p):
    return {"doc": DOC, "kind": "unanswerable", "question": q, "gold": [], "answer_any": [], "persona": p}

Q = [
    # --- recent frictions (para [5])
    F("What has been holding back the development of relations between Beijing and Astana in recent years?",
      ["incidents with regard to Chinese nationalism as well as Xinjiang conflict"], ["Chinese nationalism", "Xinjiang conflict"], "D"),
    F("has the xinjiang conflict hurt china kazakhstan ties",
      ["Xinjiang conflict in recent years have hampered the development process"], ["hampered"], "D"),
    U("Which particular nationalist incident in China did the most damage to ties with Kazakhstan?", "D"),
    # --- Han dynasty, Wusun
    F("When did relations between China and the forebears of the Kazakhs begin?",
      ["During the Han dynasty, one of Kazakhstan's ancestors, the Wusun"], ["Han dynasty"], "T"),
    F("which ancestral people of kazakhstan intermarried with the chinese",
      ["the Wusun, practiced heqin (intermarriage) with the Chinese"], ["Wusun"], "T"),
    FU(["Which of Kazakhstan's ancestors were the first to have ties with China?"],
       "what custom did they practise with the chinese",
       ["practiced heqin (intermarriage) with the Chinese, marking the beginning of relations"], ["heqin", "intermarriage"], "T"),
    U("Which Wusun ruler married a Han princess?", "T"),
    # --- Zhang Qian
    F("Who was the envoy Emperor Wu dispatched to the Western Regions?",
      ["Zhang Qian was the official dispatched to the Western Regions"], ["Zhang Qian"], "D"),
    F("What was the aim of Zhang Qian's mission to the Western Regions?",
      ["to help the Wusun against the Xiongnu"], ["against the Xiongnu", "help the Wusun"], "D"),
    F("Under which Han emperor did Zhang Qian's mission take place?",
      ["During the rule of Emperor Wu of Han, Zhang Qian"], ["Emperor Wu"], "T"),
    F("what's the chinese name for the western regions",
      ["dispatched to the Western Regions (西域 xiyu)"], ["xiyu", "西域"], "T"),
    FU(["Who was the official Emperor Wu sent to the Western Regions?"],
       "who was he meant to help, and against whom",
       ["to help the Wusun against the Xiongnu"], ["Wusun", "Xiongnu"], "D"),
    U("In what year did Zhang Qian set out for the Western Regions?", "T"),
    # --- battle near Taraz
    F("Where was the battle on the Talas probably fought?",
      ["The battle was probably fought near Taraz on the Talas River"], ["Taraz"], "T"),
    F("Why is the battle near Taraz notable in the history of Chinese military campaigns?",
      ["one of the westernmost points reached by a Chinese army"], ["westernmost"], "T"),
    U("who won the battle near taraz", "T"),
    # --- Ming / Kazakh Khanate
    F("When did contact between Ming China and the Kazakhs break off?",
      ["the Kazakh Khanate were established, but contacts stopped after 1537"], ["1537"], "D"),
    F("Which Ming ruler's reign saw the groundwork laid for good ties with the Kazakh Khanate?",
      ["Under the reign of Jiajing (1522–1566), the foundations"], ["Jiajing"], "D"),
    FU(["Under which Ming emperor were the foundations of ties with the Kazakh Khanate laid?"],
       "what years did he reign",
       ["Under the reign of Jiajing (1522–1566)"], ["1522–1566"], "D"),
    U("Why did contacts between the Ming and the Kazakh Khanate stop after 1537?", "D"),
    # --- 1862 Cossack invasion
    F("In what year did Russian Cossacks invade Xinjiang?",
      ["In 1862, Russian Cossack cavalry invaded Xinjiang"], ["1862"], "D"),
    F("How much land did the Russians seize after beating the Manchu forces?",
      ["occupying 580,000 square kilometers, including a large part of present-day Kazakhstan"], ["580,000 square kilometers", "580,000"], "E"),
    F("Whose army did the Cossacks defeat in Xinjiang?",
      ["invaded Xinjiang and defeated Manchu troops"], ["Manchu troops"], "D"),
    F("was the 1862 russian incursion into xinjiang by infantry or cavalry",
      ["Russian Cossack cavalry invaded Xinjiang and defeated Manchu troops"], ["cavalry"], "T"),
    U("Which Russian commander led the Cossack invasion of Xinjiang in 1862?", "D"),
    # --- Tsarist rule
    F("How did life change for Kazakh nomads under the tsars?",
      ["and the nomadic herdsmen's life deteriorated"], ["deteriorated"], "E"),
    F("What was Kazakh land turned into during Tsarist rule?",
      ["a large amount of Kazakh land was converted into immigrant areas"], ["immigrant areas"], "E"),
    F("did kazakh herds grow or shrink under russian imperial rule",
      ["the number of livestock was greatly reduced"], ["greatly reduced"], "E"),
    # --- key partner
    F("Why does Beijing see Kazakhstan as so important in Central Asia?",
      ["due to its location, size, and substantial energy resources"], ["energy resources", "location"], "E"),
    # --- elites and public opinion
    F("How do Kazakh elites depict working with the PRC?",
      ["Kazakh political elites portray cooperation with China in a positive light"], ["positive light"], "D"),
    F("has the positive official line on china changed how ordinary kazakhs feel",
      ["has also helped increase favorable public sentiment in Kazakhstan"], ["favorable public sentiment"], "D"),
    U("What percentage of Kazakhs hold a favourable view of China in opinion polls?", "E"),
    # --- diplomatic relations 1992
    F("When did Beijing and Kazakhstan establish diplomatic ties?",
      ["formed diplomatic relations on January 3, 1992"], ["January 3, 1992"], "D"),
    F("Which Chinese principle did the Kazakh government back on the day relations were established?",
      ["the Kazakh government expressed support for the one-China policy"], ["one-China policy"], "D"),
    F("which separatist movement did kazakhstan come out against in 1992",
      ["opposition to the East Turkestan independence movement"], ["East Turkestan"], "D"),
    FU(["When did the PRC and Kazakhstan establish diplomatic relations?"],
       "and what did the kazakh side come out in support of that same day",
       ["the Kazakh government expressed support for the one-China policy"], ["one-China policy"], "D"),
    U("Who was Kazakhstan's first ambassador to Beijing?", "D"),
    # --- 2013 MoU
    F("When did Kazakhstan's parliament sign a memorandum with the Chinese legislature?",
      ["On October 16, 2013, the Kazakhstan Majilis"], ["October 16, 2013"], "D"),
    F("Which Chinese body was the Majilis's counterpart in the 2013 memorandum?",
      ["China's Standing Committee of the National People's Congress (NPCSC)"], ["NPCSC", "Standing Committee of the National People's Congress"], "D"),
    U("What topics did the 2013 memorandum between the Majilis and the NPCSC cover?", "D"),
    # --- 2015-2017 cooperation zones
    F("How many deals on cooperation zones did Astana and Beijing conclude in 2015–2017?",
      ["Kazakhstan and China signed five agreements to create cooperation zones"], ["five"], "E"),
    F("sectors covered by the 2015-2017 cooperation zone agreements",
      ["transportation infrastructure, trade, processing industries, construction, agriculture, and more"], ["transportation infrastructure", "processing industries"], "E"),
    F("Over which years were the five cooperation-zone agreements signed?",
      ["From 2015 to 2017, Kazakhstan and China signed five agreements"], ["2015 to 2017"], "E"),
    F("do the cooperation zones include farming",
      ["transportation infrastructure, trade, processing industries, construction, agriculture, and more"], ["agriculture"], "E"),
    FU(["How many cooperation-zone agreements did Kazakhstan and China sign between 2015 and 2017?"],
       "in which sectors",
       ["signed five agreements to create cooperation zones in transportation infrastructure"], ["transportation infrastructure", "construction"], "E"),
    U("Was mining one of the cooperation zones agreed in 2015–2017?", "E"),
    # --- 2020 pneumonia warning
    F("On what date did the Chinese embassy warn of a mystery pneumonia in Kazakhstan?",
      ["On 9 July 2020, the Chinese embassy in Kazakhstan issued a warning"], ["9 July 2020"], "T"),
    F("How lethal did the embassy say the unknown pneumonia was compared with COVID-19?",
      ['a death rate which was "much higher" than the one'], ["much higher"], "T"),
    F("where was the unidentified pneumonia supposedly spreading",
      ["was spreading in several Kazakh cities"], ["several Kazakh cities"], "T"),
    U("Which Kazakh cities did the Chinese embassy say were affected by the pneumonia?", "T"),
    F("What did Kazakhstan's health ministry call the Chinese embassy's pneumonia claim?",
      ['dismissed the claim by China\'s embassy and media as "fake news"'], ["fake news"], "T"),
    FU(["What did the Chinese embassy warn about on 9 July 2020?"],
       "and how did kazakhstan's health ministry react",
       ["the Kazakh Health Ministry dismissed the claim by China's embassy"], ["fake news", "dismissed"], "T"),
    FU(["What did the Chinese embassy warn about on 9 July 2020?", "And how did Kazakhstan's health ministry react?"],
       "did they concede anything about those cases",
       ["those pneumonia cases had exhibited clinical symptoms of abnormalities"], ["clinical symptoms of abnormalities"], "T"),
    # --- trade target
    F("What's Kazakhstan's target for annual trade with China?",
      ["grow annual trade turnover with China by up to $35 billion"], ["$35 billion"], "E"),
    F("what led to the $35bn trade goal",
      ["following an agreement by the two countries' leaders"], ["agreement by the two countries' leaders"], "E"),
    FU(["What annual trade turnover with China is Kazakhstan aiming for?"],
       "by when",
       ["by up to $35 billion by 2030"], ["2030"], "E"),
    U("kazakhstan china trade turnover 2022", "E"),
    # --- balancing Russia
    F("Why is Astana building closer ties with China?",
      ["Kazakhstan aims to balance the geopolitical and economic influence"], ["balance", "Russia"], "D"),
    F("Which northern neighbour's sway is Kazakhstan trying to offset?",
      ["economic influence of its northern neighbour Russia"], ["Russia"], "D"),
    # --- US influence
    F("What military installations does China want to keep out of Kazakhstan?",
      ["the possible establishment of American air bases in Kazakhstan"], ["American air bases", "air bases"], "D"),
    F("Which outside power's growing influence in Central Asia does Beijing want to check?",
      ["China also aims to prevent the growth of U.S. influence"], ["U.S."], "D"),
    # --- 1997 border forces agreement
    F("When did the two countries agree to thin out troops along their frontier?",
      ["In 1997, both nations signed an agreement to reduce"], ["1997"], "D"),
    F("Which other states were part of the 1997 border force reduction deal?",
      ["along the common border along with Kyrgyzstan and Tajikistan"], ["Kyrgyzstan", "Tajikistan"], "D"),
    U("How many troops did each side have to pull back under the 1997 border agreement?", "D"),
    # --- 2023 XUAR dialogue
    F("When did Kazakhstan sign the second cross-border friendly dialogue with Xinjiang?",
      ["On 28 March 2023, Kazakhstan and Xinjiang Uygur Autonomous Region"], ["28 March 2023"], "E"),
    F("is tourism covered by the kazakhstan xinjiang cross-border cooperation deal",
      ["covered areas including energy, tourism, food industry, engineering, agriculture"], ["tourism"], "T"),
    F("Which Chinese province-level region was Kazakhstan's partner in the March 2023 cross-border document?",
      ["Xinjiang Uygur Autonomous Region (XUAR) of the People's Republic of China"], ["Xinjiang Uygur Autonomous Region", "XUAR"], "D"),
    FU(["What did Kazakhstan and the XUAR sign on 28 March 2023?"],
       "which areas does it cover",
       ["covered areas including energy, tourism, food industry, engineering, agriculture"], ["energy", "tourism", "food industry"], "E"),
    U("When was the first friendly dialogue of cross-border cooperation between Kazakhstan and Xinjiang signed?", "D"),
    # --- border origins
    F("How old is the China–Kazakhstan border line?",
      ["between China and Kazakhstan date back to the mid-19th century"], ["mid-19th century"], "D"),
    F("Which lake area did imperial Russia bring under its control?",
      ["establish its control over the Lake Zaysan region"], ["Lake Zaysan"], "T"),
    # --- Zuo Zongtang, Treaty of Saint Petersburg
    F("Who reconquered Xinjiang for the Qing after the rebellion?",
      ["the reconquest of Xinjiang by Zuo Zongtang"], ["Zuo Zongtang"], "D"),
    F("Which treaty adjusted the Russia–Qing border in the Irtysh basin?",
      ["in Russia's favor, by the Treaty of Saint Petersburg (1881)"], ["Treaty of Saint Petersburg"], "D"),
    F("did the 1881 border readjustment favour russia or the qing",
      ["was further slightly readjusted, in Russia's favor"], ["Russia's favor"], "D"),
    U("Which rebellion was put down before Zuo Zongtang retook Xinjiang?", "D"),
    # --- Fravel / post-Soviet claims
    F("How much Central Asian territory did China claim when the USSR collapsed?",
      ["regain the more than 34,000 square kilometers of territory"], ["34,000 square kilometers", "34,000"], "D"),
    F("what event might have let china win back land in central asia",
      ["The collapse of the Soviet Union might have presented China"], ["collapse of the Soviet Union"], "D"),
    U("How much of the 34,000 square kilometres it claimed did China end up getting from Kazakhstan?", "D"),
    F("How come Beijing chose to improve relations with the newly independent states?",
      ["to deny external support to separatist groups in Xinjiang"], ["separatist groups", "deny external support"], "D"),
    F("Did China make concessions in its territorial disputes with the Central Asian republics?",
      ["China compromised in territorial disputes with central Asian republics"], ["compromised"], "D"),
    F("what did china want in return for giving ground on borders",
      ["in order to secure their support for stability in Xinjiang"], ["stability in Xinjiang"], "D"),
    F("Which transnational ideologies did China want to keep out of Xinjiang?",
      ["prevent the spread of pan-Islamic and pan-Turkic forces to the region"], ["pan-Islamic", "pan-Turkic"], "D"),
    F("how was cross-border trade supposed to ease ethnic tensions",
      ["increase cross-border trade as part of a broader strategy", "reduce tensions among ethnic groups through development"], ["through development"], "E"),
    # --- Zhang Xiao
    F("Did Zhang Xiao say the article reflected Beijing's official stance?",
      ["did not represent China's official position at all"], ["did not represent China's official position"], "D"),
    F("how did zhang xiao describe the article",
      ["Zhang Xiao said the article was self-media"], ["self-media", "personal media"], "D"),
    F("To whom did Zhang Xiao promise to pass on the Kazakh request?",
      ['he would convey to "relevant domestic departments"'], ["relevant domestic departments"], "D"),
    FU(["How did Zhang Xiao characterize the article after returning to China?"],
       "what did his kazakh counterpart ask him for",
       ['request to eliminate the influence of "people with ulterior motives"'], ["people with ulterior motives"], "D"),
    U("What is Zhang Xiao's official post?", "D"),
    # --- Nazarbayev
    F("What did Nazarbayev say China and Kazakhstan share?",
      ["both China and Kazakhstan have a long common history"], ["long common history", "similar traditions and cultures"], "D"),
    U("What has President Tokayev said about relations with China?", "D"),
    # --- Urumqi huaju
    F("Where in China can you see Kazakh huaju performances?",
      ["Ürümqi stages Kazakh huaju (话剧, dramas)"], ["Ürümqi"], "T"),
    F("Who has turned up to watch the Kazakh dramas in Ürümqi?",
      ["attended by numerous leaders of the province"], ["leaders of the province"], "T"),
    U("how much are tickets for the kazakh dramas in urumqi", "T"),
    # --- Silk Road heritage
    F("Did the joint Silk Road World Heritage bid succeed?",
      ["a section of the Silk Road to become a world heritage site", "and the application was approved"], ["approved"], "T"),
    U("In which year was the Silk Road section added to the World Heritage list?", "T"),
    # --- after economic reform
    F("Where did Kazakhstan get technology from after China's economic reform?",
      ["imported technology from Xi'an to develop Kazakhstan's economy"], ["Xi'an"], "E"),
    F("after china's reforms where did they go to trade",
      ["they went to Xinjiang to do trade"], ["Xinjiang"], "E"),
    # --- image captions (one line each)
    F("What present did the Kyrgyz bring the Qianlong Emperor?",
      ["Kyrgyz deliver a white horse as a gift to the Qianlong Emperor"], ["white horse"], "T"),
    F("When was the white horse given to Qianlong?",
      ["to the Qianlong Emperor of China (1757)"], ["1757"], "T"),
    F("In which towns did brisk trade start after the Qing took Xinjiang?",
      ["Soon, intensive trade started in Kulja and Chuguchak"], ["Kulja", "Chuguchak"], "E"),
    F("What did Kyrgyz livestock get swapped for?",
      ["being traded for Chinese silk and cotton fabrics"], ["silk and cotton fabrics"], "E"),
    F("which animals did the kyrgyz trade with china",
      ["Kyrgyz horses, sheep and goats being traded"], ["horses, sheep and goats"], "E"),
    F("Where does the railway cross between China and Kazakhstan?",
      ["The railway crossing from China to Kazakshtan between Alashankou and Dostyk"], ["Alashankou", "Dostyk"], "T"),
    F("Dostyk rail freight per year",
      ["Around 10 million ton of rail freight crosses the border"], ["10 million ton"], "E"),
    FU(["Where is the rail border crossing between China and Kazakhstan?"],
       "how much freight goes through there every year",
       ["Around 10 million ton of rail freight crosses the border"], ["10 million ton"], "E"),
    U("How much freight crosses at Khorgos each year?", "E"),
    U("Where did Xi Jinping first announce the Belt and Road Initiative?", "E"),
    F("What 19th-century agreement does the present Sino-Kazakh border mostly follow?",
      ["The Sino-Russian border set forth in the Protocol of Chuguchak (1864)", "Today's Sino-Kazakh border largely follows the line"], ["Protocol of Chuguchak"], "D"),
    F("What year is the Chuguchak protocol from?",
      ["set forth in the Protocol of Chuguchak (1864)"], ["1864"], "D"),
    F("has the border moved much since the chuguchak protocol",
      ["in this protocol, with only fairly small changes"], ["fairly small changes"], "D"),
]

def sanity(items):
    """Stricter than check.py: all spans and answers must sit on ONE line of the doc."""
    text = open(os.path.join(HERE, DOC), encoding="utf-8").read()
    lines = [l for l in text.splitlines() if l.strip()]
    seen = set()
    for it in items:
        assert it["question"] not in seen, it["question"]
        seen.add(it["question"])
        if it["kind"] == "unanswerable":
            continue
        ok = [l for l in lines if all(g in l for g in it["gold"])]
        assert ok, ("spans not on one line", it["question"])
        assert all(a in ok[0] for a in it["answer_any"]), ("answer not on gold line", it["question"])
        for g in it["gold"]:
            assert 5 <= len(g.split()) <= 12, (g, len(g.split()))

sanity(Q)
items = list(Q)
random.Random(20261128).shuffle(items)
with open(os.path.join(HERE, "heldout.jsonl"), "w", encoding="utf-8") as f:
    for i, it in enumerate(items, 1):
        rec = {"id": f"x-{i:03d}", "kind": it["kind"], "question": it["question"],
               "gold": it["gold"], "answer_any": it["answer_any"]}
        if it["kind"] == "followup":
            rec["history"] = it["history"]
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
from collections import Counter
print(len(items), Counter(i["kind"] for i in items), Counter(i["persona"] for i in items))
