#!/usr/bin/env python3
"""Build heldout.jsonl for folder bi6 (blind QA set over china-kazakhstan-relations.txt).

Personas: J = journalist writing a background piece, T = trader planning exports
to Central Asia, H = retired history teacher. The persona and document tags are
kept here only; they are not written to heldout.jsonl.
"""
import json, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
D = "china-kazakhstan-relations.txt"


def F(p, q, gold, ans):
    return {"doc": D, "persona": p, "kind": "factoid", "question": q, "gold": gold, "answer_any": ans}


def FU(p, hist, q, gold, ans):
    return {"doc": D, "persona": p, "kind": "followup", "history": hist, "question": q, "gold": gold, "answer_any": ans}


def U(p, q):
    return {"doc": D, "persona": p, "kind": "unanswerable", "question": q, "gold": [], "answer_any": []}


QUESTIONS = [
    # --- [5] recent incidents
    F("J", "what has been holding back the development of ties between Beijing and Astana lately",
      ["several incidents with regard to Chinese nationalism",
       "Xinjiang conflict in recent years have hampered the development process"],
      ["Chinese nationalism", "Xinjiang conflict"]),

    # --- [13] Han dynasty, Wusun
    F("H", "Which ancestral people of the Kazakhs were the first to have dealings with the Chinese?",
      ["During the Han dynasty, one of Kazakhstan's ancestors, the Wusun"],
      ["Wusun"]),
    F("H", "heqin meaning",
      ["the Wusun, practiced heqin (intermarriage) with the Chinese"],
      ["intermarriage"]),

    # --- [14] Zhang Qian
    F("H", "Who did the Han court send out to the Western Regions to assist the Wusun?",
      ["Zhang Qian was the official dispatched to the Western Regions"],
      ["Zhang Qian"]),
    FU("H", ["Who was the official sent to the Western Regions to help the Wusun?"],
       "Who was he supposed to help them fight?",
       ["to help the Wusun against the Xiongnu"],
       ["Xiongnu"]),
    F("H", "under which emperor did zhang qian go west",
      ["During the rule of Emperor Wu of Han, Zhang Qian"],
      ["Emperor Wu"]),
    U("H", "In what year did Zhang Qian set out on his mission to the Western Regions?"),

    # --- [17] battle near Taraz
    F("H", "Near which town on the Talas River was the battle probably fought?",
      ["The battle was probably fought near Taraz on the Talas River"],
      ["Taraz"]),
    F("J", "Why is that battle on the Talas notable for China's military reach?",
      ["one of the westernmost points reached by a Chinese army"],
      ["westernmost points"]),
    F("H", "was the talas battle site in eastern or western kazakhstan",
      ["near Taraz on the Talas River in eastern Kazakhstan"],
      ["eastern Kazakhstan"]),
    U("H", "Who came out victorious in the battle near Taraz on the Talas River?"),
    U("H", "In which year was the battle near Taraz fought?"),

    # --- Jiajing / Ming
    F("H", "Under which Ming emperor were the foundations laid for good relations with the Kazakh Khanate?",
      ["Under the reign of Jiajing"],
      ["Jiajing"]),
    FU("H", ["Under which emperor did Ming China build a relationship with the Kazakh Khanate?"],
       "How long was he on the throne?",
       ["Under the reign of Jiajing (1522–1566)"],
       ["1522–1566"]),
    F("H", "When did contacts between the Ming and the Kazakh Khanate break off?",
      ["Kazakh Khanate were established, but contacts stopped after 1537"],
      ["1537"]),

    # --- 1862 Cossacks
    F("H", "In what year did Cossack horsemen from Russia move into Xinjiang?",
      ["In 1862, Russian Cossack cavalry invaded Xinjiang"],
      ["1862"]),
    FU("H", ["When did Russian Cossack cavalry invade Xinjiang?"],
       "how much land did they end up occupying",
       ["occupying 580,000 square kilometers, including a large part of present-day Kazakhstan"],
       ["580,000 square kilometers", "580,000"]),
    F("H", "Whose forces were beaten by the Cossacks in Xinjiang?",
      ["invaded Xinjiang and defeated Manchu troops"],
      ["Manchu troops"]),
    U("H", "Who commanded the Russian Cossack cavalry that invaded Xinjiang in 1862?"),

    # --- [20] Tsarist rule
    F("H", "What happened to the herds of Kazakh nomads under the tsars?",
      ["the number of livestock was greatly reduced"],
      ["greatly reduced"]),
    F("H", "under tsarist rule what was kazakh land turned into",
      ["a large amount of Kazakh land was converted into immigrant areas"],
      ["immigrant areas"]),
    F("J", "Did life get better or worse for nomadic herders under Russian imperial rule?",
      ["number of livestock was greatly reduced, and the nomadic herdsmen's life deteriorated"],
      ["deteriorated"]),
    U("H", "Roughly how many Russian settlers moved onto Kazakh land during the Tsar's rule?"),

    # --- [21] key partner
    F("T", "Why does Beijing regard Kazakhstan as so important among the Central Asian states?",
      ["due to its location, size, and substantial energy resources"],
      ["energy resources", "location"]),
    F("T", "Kazakhstan China key partner Central Asia",
      ["Kazakhstan is China's key partner in the Central Asian region"],
      ["key partner"]),

    # --- [25] elites
    F("J", "How do the Kazakh political elites talk about working with the PRC?",
      ["Kazakh political elites portray cooperation with China in a positive light"],
      ["positive light"]),
    F("J", "has the elite messaging changed how ordinary Kazakhs feel about China",
      ["helped increase favorable public sentiment in Kazakhstan"],
      ["favorable public sentiment"]),
    U("J", "What share of Kazakhstan's population views China favorably in opinion polls?"),

    # --- [26] diplomatic relations
    F("J", "When did Beijing and Astana set up diplomatic ties?",
      ["formed diplomatic relations on January 3, 1992"],
      ["January 3, 1992"]),
    F("J", "What policy did the Kazakh government endorse on the day relations were established?",
      ["the Kazakh government expressed support for the one-China policy"],
      ["one-China policy"]),
    FU("J", ["When did the PRC and Kazakhstan establish diplomatic relations?"],
       "And which independence movement did the Kazakh side come out against that day?",
       ["opposition to the East Turkestan independence movement"],
       ["East Turkestan"]),
    U("J", "Who was Kazakhstan's first ambassador to Beijing?"),

    # --- [38] 2013 MoU
    F("J", "When did the Majilis sign a memorandum with the NPC Standing Committee?",
      ["On October 16, 2013, the Kazakhstan Majilis and China's Standing"],
      ["October 16, 2013"]),
    F("J", "which two parliamentary bodies signed an MoU in 2013",
      ["the Kazakhstan Majilis and China's Standing Committee of the National People's Congress"],
      ["Majilis", "NPCSC"]),
    U("J", "What topics did the 2013 memorandum between the Majilis and the NPCSC cover?"),

    # --- [39] cooperation zones
    F("T", "How many deals on setting up cooperation zones did the two countries sign between 2015 and 2017?",
      ["Kazakhstan and China signed five agreements to create cooperation zones"],
      ["five"]),
    F("T", "does farming come under the cooperation zone agreements",
      ["trade, processing industries, construction, agriculture, and more"],
      ["agriculture"]),
    F("T", "cooperation zones transport infrastructure processing industries",
      ["cooperation zones in transportation infrastructure, trade, processing industries, construction"],
      ["transportation infrastructure", "processing industries"]),
    U("T", "What is the total investment value of the five cooperation-zone agreements signed from 2015 to 2017?"),

    # --- [40] pneumonia warning
    F("J", "When did China's embassy put out a warning about a mystery pneumonia in Kazakhstan?",
      ["On 9 July 2020, the Chinese embassy in Kazakhstan issued a warning"],
      ["9 July 2020"]),
    F("J", "how deadly did the embassy say the unknown pneumonia was compared with covid",
      ["a death rate which was \"much higher\" than the one"],
      ["much higher"]),
    F("J", "Was the pneumonia the embassy warned about said to be spreading in one city or several?",
      ["was spreading in several Kazakh cities"],
      ["several Kazakh cities"]),
    U("J", "How many people died from the unidentified pneumonia the Chinese embassy warned about in 2020?"),
    U("J", "Which Kazakh cities were named in the Chinese embassy's pneumonia warning?"),

    # --- [42] Health Ministry
    F("J", "How did Kazakhstan's health ministry react to the embassy's pneumonia claim?",
      ["the Kazakh Health Ministry dismissed the claim by China's embassy"],
      ["fake news"]),
    FU("J", ["How did the Kazakh Health Ministry respond to the Chinese embassy's pneumonia warning?"],
       "how quickly did they respond",
       ["However, the next day, the Kazakh Health Ministry dismissed the claim"],
       ["the next day"]),
    F("J", "Did the ministry concede anything unusual about those pneumonia patients?",
      ["those pneumonia cases had exhibited clinical symptoms of abnormalities"],
      ["clinical symptoms of abnormalities"]),

    # --- trade turnover target
    F("T", "What's Astana's goal for yearly trade volume with China?",
      ["further grow annual trade turnover with China by up to $35 billion"],
      ["$35 billion"]),
    F("T", "by what year is the bilateral trade target supposed to be hit",
      ["by up to $35 billion by 2030"],
      ["2030"]),
    FU("T", ["What is Kazakhstan's annual trade turnover target with China?"],
       "and what is that goal based on",
       ["following an agreement by the two countries' leaders"],
       ["agreement by the two countries' leaders"]),
    F("T", "Is the 2030 trade turnover goal $35 billion or $50 billion?",
      ["grow annual trade turnover with China by up to $35 billion"],
      ["$35 billion"]),
    U("T", "What was the actual value of China–Kazakhstan trade turnover in 2023?"),
    U("T", "What are Kazakhstan's main export goods to China?"),

    # --- [27] balancing Russia
    F("J", "Whose influence is Kazakhstan trying to offset by getting closer to China?",
      ["Kazakhstan aims to balance the geopolitical and economic influence",
       "of its northern neighbour Russia"],
      ["Russia"]),

    # --- [31] US influence
    F("J", "Is Beijing worried about US military bases appearing in Kazakhstan?",
      ["the possible establishment of American air bases in Kazakhstan"],
      ["American air bases"]),
    F("J", "which outside power does china want to keep from gaining ground in the region",
      ["China also aims to prevent the growth of U.S. influence"],
      ["U.S. influence"]),

    # --- [30][31] 1997 border troops
    F("J", "When did the two neighbours agree to scale down troops on their shared frontier?",
      ["In 1997, both nations signed an agreement to reduce the presence"],
      ["1997"]),
    F("J", "Which other countries were part of the 1997 deal on cutting border forces?",
      ["along the common border along with Kyrgyzstan and Tajikistan"],
      ["Kyrgyzstan", "Tajikistan"]),
    U("J", "How many soldiers did each side pull back from the border under the 1997 agreement?"),

    # --- [32] 2023 XUAR dialogue
    F("T", "When was the second cross-border cooperation dialogue with Xinjiang signed?",
      ["On 28 March 2023, Kazakhstan and Xinjiang Uygur Autonomous Region"],
      ["28 March 2023"]),
    F("T", "is the food industry covered by the 2023 cross-border deal with xinjiang",
      ["covered areas including energy, tourism, food industry, engineering, agriculture"],
      ["food industry"]),
    F("T", "Which Chinese region was the counterpart in Kazakhstan's 2023 cross-border cooperation document?",
      ["Xinjiang Uygur Autonomous Region (XUAR) of the People's Republic of China"],
      ["Xinjiang Uygur Autonomous Region", "XUAR"]),
    U("T", "When was the first friendly dialogue of cross-border cooperation between Kazakhstan and Xinjiang signed?"),

    # --- [49] border origins
    F("H", "how far back does the sino-kazakh boundary go",
      ["date back to the mid-19th century, when the Russian empire"],
      ["mid-19th century"]),
    F("H", "Control over which lake area by the Russian empire gave rise to the border line?",
      ["establish its control over the Lake Zaysan region"],
      ["Lake Zaysan"]),

    # --- Zuo Zongtang / 1881
    F("H", "Who retook Xinjiang for the Qing after the rebellion?",
      ["the reconquest of Xinjiang by Zuo Zongtang"],
      ["Zuo Zongtang"]),
    F("H", "Which 1881 treaty adjusted the Russian-Qing boundary in the Irtysh basin?",
      ["by the Treaty of Saint Petersburg (1881)"],
      ["Treaty of Saint Petersburg"]),
    FU("H", ["Which treaty readjusted the Russian-Qing border in the Irtysh basin?"],
       "and which side came out ahead from it",
       ["slightly readjusted, in Russia's favor, by the Treaty of Saint Petersburg"],
       ["Russia's favor"]),
    U("H", "Who led the rebellion in Xinjiang that preceded Zuo Zongtang's reconquest?"),
    U("H", "How many square kilometres changed hands under the Treaty of Saint Petersburg?"),

    # --- [55] Fravel
    F("H", "How much Central Asian land had the PRC laid claim to when the USSR collapsed?",
      ["regain the more than 34,000 square kilometers of territory"],
      ["34,000 square kilometers", "34,000"]),
    F("J", "Which university is Taylor Fravel a professor at?",
      ["According to MIT Professor Taylor Fravel"],
      ["MIT"]),
    U("J", "How much of its claimed territory did China eventually receive from Kazakhstan in the border settlement?"),

    # --- ethnic unrest
    F("J", "how come china went for better relations with the new states instead of pressing its land claims",
      ["to deny external support to separatist groups in Xinjiang"],
      ["separatist groups", "ethnic unrest"]),
    F("H", "What did Beijing hope to get in return for compromising on territorial disputes with the Central Asian republics?",
      ["to secure their support for stability in Xinjiang"],
      ["stability in Xinjiang"]),

    # --- Fravel 2
    F("J", "Which ideological currents did China want to keep from spreading into the region?",
      ["prevent the spread of pan-Islamic and pan-Turkic forces to the region"],
      ["pan-Islamic", "pan-Turkic"]),
    F("J", "According to Fravel, did China hope to ease ethnic tensions through economic development?",
      ["reduce tensions among ethnic groups through development"],
      ["through development"]),
    F("T", "was boosting cross-border trade part of beijing's strategy with its neighbours",
      ["increase cross-border trade as part of a broader strategy"],
      ["cross-border trade"]),

    # --- Zhang Xiao
    F("J", "How did Zhang Xiao describe the controversial article after he got back to China?",
      ["which did not represent China's official position at all"],
      ["self-media", "personal media"]),
    F("J", "Whose influence did the Kazakh counterpart ask to be eliminated?",
      ["eliminate the influence of \"people with ulterior motives\""],
      ["people with ulterior motives"]),
    F("J", "where did zhang xiao say he would pass the kazakh request on to",
      ["he would convey to \"relevant domestic departments\" his Kazakh counterpart's request"],
      ["relevant domestic departments"]),
    U("J", "What was Zhang Xiao's official post when he gave that interview?"),

    # --- [2] Nazarbayev
    F("J", "What did President Nazarbayev say China and Kazakhstan have in common?",
      ["both China and Kazakhstan have a long common history"],
      ["long common history", "similar traditions and cultures", "multi-ethnic"]),
    FU("J", ["What did Nazarbayev say the two countries share?"],
       "what kind of countries did he call them both",
       ["similar traditions and cultures, and are multi-ethnic countries"],
       ["multi-ethnic"]),

    # --- Urumqi huaju
    F("H", "Which city puts on Kazakh huaju performances?",
      ["Ürümqi stages Kazakh huaju (话剧, dramas), which"],
      ["Ürümqi"]),
    F("J", "Have provincial leaders gone to see the Kazakh dramas in Urumqi?",
      ["which have even been attended by numerous leaders of the province"],
      ["numerous leaders of the province"]),

    # --- [65] Silk Road
    F("H", "Was the joint Silk Road world heritage bid by Beijing and Astana successful?",
      ["and the application was approved"],
      ["approved"]),
    U("H", "In what year was the Silk Road section inscribed on the World Heritage list?"),

    # --- Xi'an technology
    F("T", "From which Chinese city was technology brought in to develop Kazakhstan's economy?",
      ["imported technology from Xi'an to develop Kazakhstan's economy"],
      ["Xi'an"]),

    # --- captions
    F("H", "What gift did the Kyrgyz present to the Qianlong Emperor in 1757?",
      ["Kyrgyz deliver a white horse as a gift to the Qianlong Emperor"],
      ["white horse"]),
    F("T", "In which towns did brisk trade begin after the Qing took Xinjiang?",
      ["Soon, intensive trade started in Kulja and Chuguchak"],
      ["Kulja", "Chuguchak"]),
    FU("T", ["Where did intensive trade start after the Qing conquest of Xinjiang?"],
       "And what did the Kyrgyz bring to sell there?",
       ["Kyrgyz horses, sheep and goats being traded for Chinese silk"],
       ["horses", "sheep", "goats"]),
    F("T", "what chinese goods were swapped for kyrgyz livestock",
      ["being traded for Chinese silk and cotton fabrics"],
      ["silk and cotton fabrics"]),
    F("T", "Where does the railway cross from China into Kazakhstan?",
      ["The railway crossing from China to Kazakshtan between Alashankou and Dostyk"],
      ["Alashankou", "Dostyk"]),
    FU("T", ["Where is the rail crossing between China and Kazakhstan?"],
       "how much freight goes through there each year",
       ["Around 10 million ton of rail freight crosses the border here annually"],
       ["10 million ton"]),
    U("T", "How long does customs clearance take at the Alashankou–Dostyk rail crossing?"),
    U("T", "How much freight passes through the Khorgos border crossing each year?"),
    F("H", "Which 1864 agreement drew the line that today's Sino-Kazakh border mostly follows?",
      ["The Sino-Russian border set forth in the Protocol of Chuguchak"],
      ["Protocol of Chuguchak"]),
    F("H", "Has the border shifted much since that 1864 protocol?",
      ["Today's Sino-Kazakh border largely follows the line set in this protocol"],
      ["fairly small changes"]),
    F("H", "protocol of chuguchak year",
      ["set forth in the Protocol of Chuguchak (1864)"],
      ["1864"]),
]


def main():
    qs = list(QUESTIONS)
    random.Random(6606).shuffle(qs)
    out = os.path.join(HERE, "heldout.jsonl")
    with open(out, "w", encoding="utf-8") as f:
        for i, q in enumerate(qs, 1):
            rec = {"id": f"b6-{i:03d}", "kind": q["kind"], "question": q["question"],
                   "gold": q["gold"], "answer_any": q["answer_any"]}
            if q["kind"] == "followup":
                rec["history"] = q["history"]
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    from collections import Counter
    print(len(qs), Counter(q["kind"] for q in qs), Counter(q["doc"] for q in qs))


if __name__ == "__main__":
    main()
