package extractive

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/retrieval"
)

func builtinIndex(t *testing.T) *retrieval.Index {
	t.Helper()
	ix, err := retrieval.Build(context.Background(), corpus.Builtin().Passages)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func ask(t *testing.T, ix *retrieval.Index, a *Answerer, q string, history ...answer.Turn) answer.Answer {
	t.Helper()
	ctx := context.Background()
	hits, err := ix.Search(ctx, answer.WithContext(q, history), 5)
	if err != nil {
		t.Fatal(err)
	}
	ans, err := a.Answer(ctx, answer.Request{Question: q, Passages: hits, History: history})
	if err != nil {
		t.Fatal(err)
	}
	return ans
}

func TestAnswerCitesItsSentence(t *testing.T) {
	ix := builtinIndex(t)
	a := New(ix.TermStats())
	ans := ask(t, ix, a, "What did the Kazakh Health Ministry call the embassy's pneumonia claim?")
	if ans.Abstained || ans.Backend != Backend || len(ans.Citations) != 1 || ans.Citations[0].N != 1 {
		t.Fatalf("answer %+v", ans)
	}
	if !strings.HasSuffix(ans.Text, " [1]") || !strings.Contains(ans.Text, "fake news") {
		t.Fatalf("text %q", ans.Text)
	}
	// Every word of the answer comes from the cited passage.
	sentence := strings.TrimSuffix(ans.Text, " [1]")
	if !strings.Contains(ans.Citations[0].IndexText(), sentence) {
		t.Fatalf("%q is not in the cited passage %q", sentence, ans.Citations[0].Text)
	}
	if strings.Contains(sentence, "[42]") {
		t.Fatal("reference markers must not reach the answer")
	}
}

func TestQuestionKinds(t *testing.T) {
	tests := []struct {
		q    string
		want kind
	}{
		{"When did it happen?", kindWhen},
		{"How far back does the border line go?", kindWhen},
		{"Which area did the Russian empire control?", kindWhere},
		{"Which lake area did imperial Russia bring under its control?", kindWhere},
		{"my wallet was stolen, how fast do I need to go to the police", kindDuration},
		{"what became of the film version", kindOther},
		{"How fast does the glacier move?", kindQuantity},
		{"What area does the park cover?", kindQuantity},
		{"What area does the park cover?", kindQuantity},
		{"What is the e-mail address of customer service?", kindContact},
		{"Which website sells spare parts?", kindContact},
		{"What is the minimum Python version needed to install it?", kindVersion},
		{"How much Central Asian territory did China claim?", kindQuantity},
		{"Which header tells me how long to wait after getting it?", kindOther},
		{"What is the company's current headcount?", kindCount},
		{"Which Chinese general commanded the army near Taraz?", kindWho},
		{"Which pope excommunicated the patriarch?", kindWho},
		{"To which Italian city did the scholars go?", kindWhere},
		{"Which American group confirmed the structure?", kindOrg},
		{"what's the name of his counterpart", kindName},
		{"What is the spending limit for meals with clients?", kindMoney},
		{"What is the speed limit on the bridge?", kindQuantity},
		{"How much time off is given when a close relative dies?", kindDuration},
		{"What did the purchase of Auric Photonics cost?", kindMoney},
		{"Which company knows how much the repair costs?", kindOrg},
		{"What is the reason it takes so long?", kindReason},
		{"How long does it take?", kindDuration},
		{"How much sick leave is paid at full salary per year?", kindQuantity},
		{"How much money did they raise?", kindMoney},
		{"How much is reimbursed per mile?", kindMoney},
		{"In which release was the FTP backend removed?", kindVersion},
		{"What is the release date of version 4?", kindWhen},
		{"Which version notes mention zstd?", kindOther},
		{"Can I send the form by e-mail?", kindYesNo},
		{"On what date was the treaty signed?", kindWhen},
		{"What is the founding date of the company?", kindWhen},
		{"What is the deadline for an expense claim?", kindWhen},
		{"In what year did the Cossacks invade?", kindYear},
		{"Which year was it?", kindYear},
		{"How long did the construction take?", kindDuration},
		{"How quickly must a theft be reported?", kindDuration},
		{"How long is the border?", kindQuantity},
		{"How long, in kilometres, is the border?", kindQuantity}, // the unit says it is a length
		{"How long in miles was the route?", kindQuantity},
		{"How long did the crossing take?", kindDuration},
		{"How much did the company pay for Brandt?", kindMoney},
		{"What price did the firm pay?", kindMoney},
		{"What is the monthly fee?", kindMoney},
		{"What percentage of trade goes by rail?", kindPercent},
		{"How many agreements were signed?", kindCount},
		{"What was the death toll of the project?", kindCount},
		{"How much freight crosses the border?", kindQuantity},
		{"How tall is the tower?", kindQuantity},
		{"What is the monthly spending cap on the card?", kindMoney},
		{"Who signed it?", kindWho},
		{"Which official was sent?", kindWho},
		{"Where is the railway crossing?", kindWhere},
		{"In which city was it?", kindWhere},
		{"Which company bought the plant?", kindOrg},
		{"Why did the mills close?", kindReason},
		{"What was the reason for the recall?", kindReason},
		{"Is vaping allowed on site?", kindYesNo},
		{"Does version 3 support S3?", kindYesNo},
		{"What is heqin?", kindDefinition},
		{"What did the Wusun practice?", kindOther},
	}
	for _, tc := range tests {
		if got := classify(tc.q); got != tc.want {
			t.Errorf("classify(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
}

// TestFit says which sentences offer which kind of answer, and how well.
func TestFit(t *testing.T) {
	tests := []struct {
		k    kind
		s, q string
		want float64
	}{
		{kindWhen, "The company was founded on March 14, 1987.", "When was it founded?", 1},
		{kindWhen, "It moved to Leeds in 1994.", "When did it move?", 0.8},
		{kindWhen, "Thirty-five years after its founding it moved.", "When did it move?", 0.3},
		{kindWhen, "It moved to Leeds.", "When did it move?", 0},
		// A when-question about a rule or a habit is answered by an
		// interval or a delay; one about an event is not.
		{kindWhen, "Replace the main brush roll every 12 months.", "When should I replace the brush roll?", 0.6},
		{kindWhen, "Staff become eligible after 3 months.", "When am I eligible for medical cover?", 0.6},
		{kindWhen, "Statements from the last seven years can be seen.", "how far back can I see statements", 0.6},
		{kindWhen, "The roll was replaced every 12 months.", "When did they first replace the roll?", 0},
		{kindWhen, "Run it only if the state database has grown beyond a few hundred megabytes.", "When is it worth running prune-state?", 0.6},
		{kindWhen, "Run it only if the state database has grown beyond a few hundred megabytes.", "When did they run prune-state?", 0},
		// "Where should I report it?": to an address.
		{kindWhere, "Security reports should be sent to security@example.org.", "Where should I report a security vulnerability?", 0.6},
		{kindWhere, "Security reports are welcome.", "Where should I report a security vulnerability?", 0},
		{kindWhere, "Smoking is allowed only in the marked shelter by the north gate.", "Where on site can employees vape?", 0.6},
		{kindQuantity, "Passwords must be at least 14 characters long.", "What is the minimum password length?", 1},
		// A rate of pay or a contribution may be a percentage; a price not.
		{kindMoney, "Night shifts attract a premium of 18% on the basic hourly rate.", "What extra pay does working nights earn?", 1},
		{kindMoney, "Sales rose by 18% that year.", "How much did the van cost?", 0.3},
		// A term answers a what-is-it-called question, proper name or not.
		{kindName, "Thylakoids are stacked in piles called grana.", "What is the name for a stack of thylakoids?", 1},
		{kindName, "Thylakoids are stacked in piles.", "What is the name for a stack of thylakoids?", 0},
		{kindName, "A stack is called a stack.", "What is the name for a stack of thylakoids?", 0},
		// "How much did X go down?" may be answered by a share.
		{kindQuantity, "Memory use fell by 60 percent.", "how much did memory use go down", 1},
		{kindMoney, "It bought Brandt for $6.8 million.", "How much did it pay?", 1},
		{kindMoney, "It bought Brandt and its 27 employees.", "How much did it pay?", 0.3},
		{kindMoney, "Meals are reimbursed up to £12.", "What is the meal allowance?", 1},
		// "How much of" the cost is answered by a share of it.
		{kindMoney, "The fund covers up to 80 percent of the cost.", "How much of the uniform cost will the fund pay?", 1},
		{kindMoney, "The fund covers up to 80 percent of the cost.", "How much will the fund pay for a uniform?", 0.3},
		{kindPercent, "Sales fell by 31%.", "By what percentage did sales fall?", 1},
		{kindPercent, "Sales fell by a third.", "By what percentage did sales fall?", 0},
		{kindDuration, "Probation lasts six months.", "How long is probation?", 1},
		{kindCount, "It employed nine people.", "How many people did it employ?", 1},
		{kindCount, "It was founded in 1987.", "How many people did it employ?", 0},
		{kindWho, "She was succeeded by Daniel Mercer.", "Who succeeded Margaret Calloway?", 1},
		{kindWho, "She was succeeded in 1999.", "Who succeeded Margaret Calloway?", 0},
		{kindWho, "Trips must be approved by the Chief Financial Officer.", "Who is the chief financial officer?", 0},
		{kindWho, "Trips must be approved by the director.", "Who approves trips?", 0.6},
		{kindWhere, "Tobias Veit was a machinist from Hamburg.", "Where did Tobias Veit come from?", 1},
		{kindWhere, "Declan Fahy died four years later and was buried beside her.", "Where did Declan Fahy die?", 0},
		{kindReason, "The mills closed because of cheaper imports.", "Why did the mills close?", 1},
		{kindReason, "The mills closed in 1971.", "Why did the mills close?", 0.2},
		{kindOrg, "It was bought by Lindqvist Medical AB.", "Which company bought it?", 1},
		{kindOther, "Anything at all.", "What did they practice?", 1},
		// A procedure is answered by its steps (or a command) more surely
		// than by one step.
		{kindOther, "To freeze your card:\n1. Open Cards.\n2. Tap Freeze.", "how do I freeze my card?", 1},
		{kindOther, "Install it with Homebrew:\n```sh\nbrew install q\n```", "How can I install it on a Mac?", 1},
		{kindOther, "Tap Freeze.", "how do I freeze my card?", 0.7},
		// A physical quantity wants its own units.
		{kindQuantity, "Item: Weight; Value: 6.2 kg", "How heavy is the bread maker?", 1},
		{kindQuantity, "Item: Rated power; Value: 650 W", "How heavy is the bread maker?", 0},
		{kindQuantity, "The box holds one kneading paddle.", "How heavy is the bread maker?", 0},
		{kindQuantity, "Item: Power cord length; Value: 1.1 m", "How long is its power cable?", 1},
		{kindQuantity, "The warranty runs for two years.", "How long is the warranty?", 1},
		{kindQuantity, "Plates move about 2 to 10 centimetres per year.", "How fast do plates move?", 1},
		{kindQuantity, "Plates are about 100 kilometres thick.", "How fast do plates move?", 0},
		{kindQuantity, "The crust is about 180 million years old.", "How old is the crust?", 1},
		{kindQuantity, "He died in Dunmere at the age of 71.", "How old was he?", 1},
		// An age is answered by when the thing began, less surely.
		{kindQuantity, "The border dates back to the mid-19th century.", "How old is the border?", 0.7},
		{kindQuantity, "The border runs along the river.", "How old is the border?", 0},
		{kindQuantity, "The fleet has 40 buses.", "How big is the fleet?", 0.7}, // no unit asked for
		{kindQuantity, "A worker needs about 60 MB of memory.", "How much memory does a worker use?", 1},
		{kindQuantity, "Periodic jobs are run by a single leader worker.", "How much memory does a worker use?", 0},
		{kindQuantity, "Memory use fell by 35 percent.", "How much less memory does the server need?", 1},
		{kindQuantity, "The park covers 1,200 square kilometres.", "What area does the park cover?", 1},
		{kindQuantity, "The park was founded 40 years ago.", "What area does the park cover?", 0},
		{kindCount, "Russia took 580,000 square kilometers.", "How many square kilometres did Russia take?", 1},
		{kindCount, "Around 10 million ton of freight cross here.", "How many square kilometres did Russia take?", 0},
		{kindCount, "The league included nearly 200 towns.", "How many towns belonged to the league at its height?", 1},
		{kindDuration, "Claims above EUR 5,000 need approval.", "How many days of leave may be added?", 0},
		{kindDuration, "Up to two days of leave may be added.", "How many days of leave may be added?", 1},
		{kindContact, "Write to service@lumavo.de for repairs.", "What is the e-mail address of customer service?", 1},
		{kindContact, "Register the appliance at lumavo.de/service.", "What is the e-mail address of customer service?", 0},
		{kindContact, "Register the appliance at lumavo.de/service.", "Which website takes warranty claims?", 1},
		{kindContact, "Call +49 711 555 0123 on weekdays.", "What phone number should I call?", 1},
		{kindCount, "The world's glaciers contributed about 21 percent of the rise.", "How many glaciers are there in the world?", 0},
		{kindCount, "A strain of pneumonia was spreading in several Kazakh cities.", "How many people died from the pneumonia?", 0.3},
		{kindCount, "About 22,000 workers died during the French period.", "How many labourers perished?", 1},
		{kindCount, "Yellow fever killed thousands of labourers.", "How many labourers perished?", 1},
		{kindQuantity, "The package contains one kneading paddle and a measuring cup.", "How much clearance does it need?", 0.3},
		{kindQuantity, "Keep it 10 cm away from walls.", "How much clearance does it need?", 1},
		{kindMoney, "Mileage is reimbursed at 45p per mile.", "How much is reimbursed per mile?", 1},
		{kindVersion, "Ferrule requires Python 3.9 or newer.", "Which Python version is needed?", 1},
		{kindVersion, "Install it from the Python Package Index with pip.", "Which Python version is needed?", 0},
	}
	for _, tc := range tests {
		if got := fit(tc.k, tc.s, tc.q); got != tc.want {
			t.Errorf("fit(%v, %q) = %v, want %v", tc.k, tc.s, got, tc.want)
		}
	}
}

// TestUnits splits a Markdown passage into the pieces an answer quotes:
// sentences, list items and table rows (with their header as context).
func TestUnits(t *testing.T) {
	text := "## Leave\n\nFull-time staff receive 25 days. Part-time staff receive a share.\n\n" +
		"Other leave:\n\n| Type | Days |\n|------|------|\n| Bereavement | 5 days |\n| Study | 10 days |\n\n- Ask your manager first.\n- Book it in the app."
	var got []string
	for _, u := range units(text) {
		if u.header != "" {
			got = append(got, "ROW "+quoteRow(u.text, u.header))
		} else {
			got = append(got, u.text)
		}
	}
	want := []string{"Full-time staff receive 25 days.", "Part-time staff receive a share.", "Other leave:",
		"ROW Type: Bereavement; Days: 5 days", "ROW Type: Study; Days: 10 days", "Ask your manager first.", "Book it in the app."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("units:\n got %q\nwant %q", got, want)
	}
}

// TestDeclarationUnits: a declaration on a line of its own (API docs) is
// the context of the prose after it, not a unit an answer may quote; a
// sentence that starts with such a word, or a declaration inside prose,
// is prose.
func TestDeclarationUnits(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // unit text, then " @ " and its context when it has one
	}{
		{"go func", "func Ints(x []int)\n\nInts sorts a slice of ints.\n\nNote: it calls slices.Sort.",
			[]string{"Ints sorts a slice of ints. @ func Ints(x []int)", "Note: it calls slices.Sort. @ func Ints(x []int)"}},
		{"next declaration replaces it", "type Pool struct\n\nA Pool is a set.\n\nfunc (p *Pool) Get() any\n\nGet selects an item.",
			[]string{"A Pool is a set. @ type Pool struct", "Get selects an item. @ func (p *Pool) Get() any"}},
		{"python def", "def load(path)\n\nLoads a file.", []string{"Loads a file. @ def load(path)"}},
		{"a capitalised word is prose", "Type your name.\n\nLet it rest", []string{"Type your name.", "Let it rest"}},
		{"a sentence end is prose", "let the dough rest.\n\nThen bake.", []string{"let the dough rest.", "Then bake."}},
		{"not alone on its line", "func A()\nA does a.", []string{"func A()", "A does a."}},
		// A passage that is a declaration only (its doc went to the next
		// passage) has nothing to quote.
		{"a declaration alone", "func (b *Writer) Init(output io.Writer, minwidth int) *Writer", nil},
		{"a one-line sentence", "Init initialises a Writer.", []string{"Init initialises a Writer."}},
		{"go doc's indented doc", "func Ints(x []int)\n    Ints sorts a slice of ints in increasing order. It is the\n    Ints of Go.\n\n    Note: it calls slices.Sort.",
			[]string{"Ints sorts a slice of ints in increasing order. @ func Ints(x []int)", "It is the\n    Ints of Go. @ func Ints(x []int)", "Note: it calls slices.Sort. @ func Ints(x []int)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, u := range units(tc.text) {
				s := u.text
				if u.context != "" {
					s += " @ " + u.context
				}
				got = append(got, s)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Fatalf("units:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestCodeUnits: a fenced code block is one unit, joined to the unit
// before it when that one leads into it with a colon; the citation marker
// goes after the lead-in so that the closing fence stays alone on its
// line, and a quote after a block starts on a new line.
func TestCodeUnits(t *testing.T) {
	var got []string
	for _, u := range units("Install it with Homebrew:\n```sh\nbrew install quarlo\n```\n\nThen check it.\n\n```sh\nquarlo --version\n```") {
		got = append(got, u.text)
	}
	want := []string{"Install it with Homebrew:\n```sh\nbrew install quarlo\n```", "Then check it.", "```sh\nquarlo --version\n```"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("units:\n got %q\nwant %q", got, want)
	}
	if got := cited(want[0], 1); got != "Install it with Homebrew: [1]\n```sh\nbrew install quarlo\n```" {
		t.Errorf("cited: %q", got)
	}
	if got := cited("Then check it.", 2); got != "Then check it. [2]" {
		t.Errorf("cited: %q", got)
	}
	if joint("Run: [1]\n```\nx\n```") != "\n" || joint("a [1]") != " " {
		t.Error("joint")
	}
}

// TestPlainCodeUnits: in plain text, a paragraph of code (as go doc
// prints an example) is joined to the paragraph just before it when that
// leads into it with a colon; a paragraph of sentences after a colon, or
// code after a heading, is not joined, and code without a lead-in is read
// as the sentence splitter reads it (making it a unit of its own cost
// godoc3 held-out 0.04 abstention).
func TestPlainCodeUnits(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"lead-in and example", "Callers should Wait in a loop:\n\nc.L.Lock()\nfor !condition() {\n    c.Wait()\n}\nc.L.Unlock()\n\nWait returns.",
			[]string{"Callers should Wait in a loop:\nc.L.Lock()\nfor !condition() {\n    c.Wait()\n}\nc.L.Unlock()", "Wait returns."}},
		{"code without a lead-in", "Wait blocks.\n\nmu.Lock()\ndefer mu.Unlock()",
			[]string{"Wait blocks.", "mu.Lock()\ndefer mu.Unlock()"}},
		{"sentences after a colon", "Two rules apply:\n\nDogs stay outside. Bikes go in the rack.",
			[]string{"Two rules apply:", "Dogs stay outside.", "Bikes go in the rack."}},
		{"a heading between", "Use this:\n\n# Example\n\nx := f()\ny := g(x)",
			[]string{"Use this:", "x := f()\ny := g(x)"}},
	}
	for _, tc := range tests {
		var got []string
		for _, u := range units(tc.text) {
			got = append(got, u.text)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: units:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

// TestStepUnits: a list's items are quoted with the lead-in that
// introduces them (a procedure's steps, at most maxSteps), and each item is
// still a unit of its own; a list without a lead-in is only its items.
func TestStepUnits(t *testing.T) {
	var got []string
	for _, u := range units("To reset your password:\n1. Open Settings.\n2. Choose Security.\n\nMore text.\n\n- Loose item.") {
		got = append(got, u.text)
	}
	want := []string{"To reset your password:\n1. Open Settings.\n2. Choose Security.", "Open Settings.", "Choose Security.", "More text.", "Loose item."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("units:\n got %q\nwant %q", got, want)
	}
	var long strings.Builder
	long.WriteString("Steps:")
	for i := range maxSteps + 3 {
		fmt.Fprintf(&long, "\n%d. Step %d.", i+1, i+1)
	}
	if us := units(long.String()); strings.Count(us[0].text, "\n") != maxSteps {
		t.Fatalf("%d steps quoted, want %d", strings.Count(us[0].text, "\n"), maxSteps)
	}
	if got := cited(want[0], 1); got != "To reset your password: [1]\n1. Open Settings.\n2. Choose Security." {
		t.Errorf("cited: %q", got)
	}
}

// TestTableRowAnswers answers from the row of a table that matches, quoted
// with its header.
func TestTableRowAnswers(t *testing.T) {
	ctx := context.Background()
	c := corpus.New("handbook", []corpus.Document{{Path: "handbook.md", Text: "# Handbook\n\n## Other leave\n\n" +
		"| Type of leave | Entitlement |\n|---|---|\n| Sick leave | Up to 20 days per year |\n| Bereavement leave | 5 days for a close family member |\n| Study leave | Up to 10 days per year |\n\n" +
		"## Travel\n\nTrain travel is booked through the office."}})
	ix, err := retrieval.Build(ctx, c.Passages)
	if err != nil {
		t.Fatal(err)
	}
	ans := ask(t, ix, New(ix.TermStats()), "How many days of bereavement leave do staff get?")
	if ans.Abstained || !strings.Contains(ans.Text, "5 days for a close family member") || strings.Contains(ans.Text, "Sick leave") {
		t.Fatalf("got %q", ans.Text)
	}
}

func TestKindPicksTheRightSentence(t *testing.T) {
	ix := builtinIndex(t)
	a := New(ix.TermStats())
	tests := []struct{ q, want string }{
		{"When did the Kazakh Health Ministry dismiss the claim?", "next day"},
		{"How much freight crosses the border annually?", "10 million ton"},
		{"When was the Protocol of Chuguchak set?", "1864"},
		{"When was the Treaty of Saint Petersburg signed?", "1881"},
	}
	for _, tc := range tests {
		if ans := ask(t, ix, a, tc.q); !strings.Contains(ans.Text, tc.want) {
			t.Errorf("%q → %q, want %q", tc.q, ans.Text, tc.want)
		}
	}
}

func TestAnswerType(t *testing.T) {
	tests := map[string]string{
		"In which country is Mount Kilimanjaro?":        "countri",
		"In what year did the Cossacks invade?":         "year",
		"Which building took the title?":                "build",
		"What is the capital city of Kazakhstan?":       "",
		"What did the Wusun practice with the Chinese?": "",
		"Who designed it?":                              "",
	}
	for q, want := range tests {
		if got := answerType(q); got != want {
			t.Errorf("answerType(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestFocusTerms(t *testing.T) {
	tests := map[string]string{
		"What is the capital city of Kazakhstan?":         "citi ?capit",
		"Who is the current president of China?":          "presid ?current",
		"What is the new default compression level of X?": "compress ?new default",
		"What are the mules used at the locks?":           "mule",
		"What is the second largest city in Kazakhstan?":  "citi second largest",
		"What was the name of the treaty?":                "treati",
		// The thing named: a sentence that names no ship does not answer.
		"What was the name of the ship used by the expedition?": "ship",
		"what's the name of Zhang Xiao's Kazakh counterpart":    "counterpart ?zhang xiao kazakh",
		"Which is the longest river in Asia?":                   "river longest",
		"What did the Wusun practice with the Chinese?":         "",
		// The noun a how-many question counts, up to its verb.
		"How many manual calculations did the paper require?": "calcul",
		"How many towns belonged to the league?":              "town",
		"How many labourers perished?":                        "labour",
		"How many people died in the earthquake?":             "",
		"How many people live close to glacial lakes?":        "",
		"How many days a year am I allowed to work abroad?":   "",
		"How many drivers were caught speeding?":              "driver",
		"How many square kilometres did Russia take?":         "",
		"How many centimetres per year does the plate move?":  "",
	}
	for q, want := range tests {
		if got := focusTerms(q).String(); got != want {
			t.Errorf("focusTerms(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestAbstains(t *testing.T) {
	ix := builtinIndex(t)
	a := New(ix.TermStats())
	for _, q := range []string{"How tall is Mount Everest?", "What is the GDP of Kazakhstan in 2024?", "What is the capital city of Kazakhstan?",
		"When did the Soviet Union collapse?", "How long is the border between China and Kazakhstan?",
		"What percentage of Kazakhstan's trade is with China?", "When did the Kazakh Khanate fall?", "the of and", "???"} {
		ans := ask(t, ix, a, q)
		if !ans.Abstained || len(ans.Citations) != 0 || !strings.HasPrefix(ans.Text, "The documents don't say") {
			t.Errorf("%q → %+v, want abstention", q, ans)
		}
	}
	// No passages at all.
	ans, err := a.Answer(context.Background(), answer.Request{Question: "When was the treaty signed?"})
	if err != nil || !ans.Abstained {
		t.Fatalf("no passages → %+v %v", ans, err)
	}
}

// TestFollowUpKnowsWhoHeIs reads "he" as the subject of the previous
// turn: the person its question named, or the new person its answer named
// when it asked who.
func TestFollowUpKnowsWhoHeIs(t *testing.T) {
	ctx := context.Background()
	c := corpus.New("people", []corpus.Document{{Path: "people.md", Text: "# People\n\n" +
		"Osei Finch joined the mill in 1950. Osei Finch retired in 1988 after 38 years. He died in 1996 at his home in Leeds.\n\n" +
		"Priya Raman led the council until 2011. Raman was succeeded by Tomas Veld, who had been a harbour pilot for twenty years.\n\n" +
		"The harbour was dredged in 1962."}})
	ix, err := retrieval.Build(ctx, c.Passages)
	if err != nil {
		t.Fatal(err)
	}
	a := New(ix.TermStats())
	first := ask(t, ix, a, "When did Osei Finch retire?")
	if !strings.Contains(first.Text, "1988") {
		t.Fatalf("first answer %q", first.Text)
	}
	if got := ask(t, ix, a, "When did he die?", first.Turn("When did Osei Finch retire?")); !strings.Contains(got.Text, "1996") {
		t.Errorf("When did he die? → %q", got.Text)
	}
	who := ask(t, ix, a, "Who succeeded Priya Raman?")
	if !strings.Contains(who.Text, "Tomas Veld") {
		t.Fatalf("who answer %q", who.Text)
	}
	fu := answer.ResolveFollowUp("What was his previous job?", []answer.Turn{who.Turn("Who succeeded Priya Raman?")})
	if !strings.Contains(fu.Query, "Tomas Veld") || strings.Contains(fu.Context, "Priya") {
		t.Errorf("his → %+v", fu)
	}
	// The sentence is found, though it shares too few words with the
	// question for a confident answer ("job" is not "pilot").
	h := []answer.Turn{who.Turn("Who succeeded Priya Raman?")}
	hits, err := ix.Search(ctx, answer.WithContext("What was his previous job?", h), 5)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Evaluate("What was his previous job?", h, hits).Sentence(); !strings.Contains(got, "harbour pilot") {
		t.Errorf("What was his previous job? → %q", got)
	}
}

func TestFollowUpUsesThePreviousQuestion(t *testing.T) {
	ix := builtinIndex(t)
	a := New(ix.TermStats())
	history := []answer.Turn{{Question: "What did the Chinese embassy warn about in July 2020?", Answer: "…"}}
	q := "How did the Kazakh Health Ministry respond to it?"
	hits, err := ix.Search(context.Background(), answer.WithContext(q, history), 5)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Evaluate(q, history, hits).Sentence(); !strings.Contains(got, "fake news") {
		t.Fatalf("follow-up → %q", got)
	}
}

func TestStreamGetsTheWholeAnswer(t *testing.T) {
	ix := builtinIndex(t)
	a := New(ix.TermStats())
	hits, _ := ix.Search(context.Background(), "Who did Zhang Qian help?", 5)
	var streamed strings.Builder
	ans, err := a.Answer(context.Background(), answer.Request{Question: "Who did Zhang Qian help?", Passages: hits, Stream: func(s string) { streamed.WriteString(s) }})
	if err != nil || streamed.String() != ans.Text {
		t.Fatalf("streamed %q, answer %q, err %v", streamed.String(), ans.Text, err)
	}
}

func TestCancelledContext(t *testing.T) {
	ix := builtinIndex(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New(ix.TermStats()).Answer(ctx, answer.Request{Question: "x"}); err == nil {
		t.Fatal("want the context's error")
	}
}

func TestTitleAndPreviousSentenceGiveContext(t *testing.T) {
	ctx := context.Background()
	c := corpus.New("lighthouses", []corpus.Document{
		{Path: "blackrock.md", Text: "# Blackrock lighthouse\n\nIt was first lit in 1874.\n\nThe keeper rowed ashore weekly. However, storms kept him there in 1881."},
		{Path: "greystone.md", Text: "# Greystone lighthouse\n\nIt was first lit in 1901.\n\nThe keeper kept goats."},
	})
	ix, err := retrieval.Build(ctx, c.Passages)
	if err != nil {
		t.Fatal(err)
	}
	a := New(ix.TermStats())
	if ans := ask(t, ix, a, "When was the Greystone lighthouse first lit?"); ans.Abstained || !strings.Contains(ans.Text, "1901") {
		t.Errorf("title context: %+v", ans)
	}
	// A sentence that leans on the one before it is quoted with it.
	if ans := ask(t, ix, a, "When did storms keep the Blackrock keeper there?"); ans.Text != "The keeper rowed ashore weekly. However, storms kept him there in 1881. [1]" {
		t.Errorf("leaning sentence: %q", ans.Text)
	}
}

func TestHasQuantity(t *testing.T) {
	for s, want := range map[string]bool{
		"It has 580,000 square kilometers.": true, "They signed five agreements.": true, "It shrank by 85 percent.": true,
		"It is 5,895 metres high.": true, "In 1997 they met.": false, "the mid-19th century": false, "On the 3rd day.": false,
		"No amount here.": false,
		// Numbers that are parts of names or dates.
		"A strain deadlier than COVID-19.": false, "The BX-700 is made in Stuttgart.": false,
		"On 9 July 2020 the embassy warned.": false, "On July 9, 2020 it warned.": false, "It employed 9 people.": true,
	} {
		if got := hasQuantity(s); got != want {
			t.Errorf("hasQuantity(%q) = %v", s, got)
		}
	}
}

func TestHasDate(t *testing.T) {
	for s, want := range map[string]bool{
		"It was signed on January 3, 1992.": true, "In 1997 they met.": true, "the mid-19th century": true,
		"The ferry leaves at 10 o'clock.": true, "Doors open at 9:30.": true, "It runs every Tuesday.": true,
		"It was 206 BC.": true, "The next day it rained.": true,
		"It has 580,000 square kilometers.": false, "They signed five agreements.": false, "The collapse of the Soviet Union.": false,
	} {
		if got := hasDate(s); got != want {
			t.Errorf("hasDate(%q) = %v", s, got)
		}
	}
}

// FuzzAnswer feeds arbitrary questions to the answerer: it never panics,
// and an answer either abstains or quotes one or two sentences, each cited
// in order and found in the passage it cites.
func FuzzAnswer(f *testing.F) {
	for _, q := range []string{"When were relations formed?", "Who?", "", "What is the X of Y?", "话剧", "\xff\xfe", "In which country is it?", "What percentage of it?"} {
		f.Add(q)
	}
	ix, err := retrieval.Build(context.Background(), corpus.Builtin().Passages)
	if err != nil {
		f.Fatal(err)
	}
	a := New(ix.TermStats())
	f.Fuzz(func(t *testing.T, q string) {
		hits, err := ix.Search(context.Background(), q, 5)
		if err != nil {
			t.Fatal(err)
		}
		ans, err := a.Answer(context.Background(), answer.Request{Question: q, Passages: hits})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, id := range ans.Read {
			if seen[id] || !slices.ContainsFunc(hits, func(h retrieval.Hit) bool { return h.ID == id }) {
				t.Fatalf("read %q: %v", id, ans.Read)
			}
			seen[id] = true
		}
		if ans.Abstained {
			return
		}
		if len(ans.Read) == 0 || ans.Read[0] != ans.Citations[0].ID {
			t.Fatalf("read %v, cited %s first", ans.Read, ans.Citations[0].ID)
		}
		n := len(ans.Citations)
		if n < 1 || n > 2 || !strings.HasSuffix(ans.Text, fmt.Sprintf(" [%d]", n)) {
			t.Fatalf("answer %+v", ans)
		}
		for i, c := range ans.Citations {
			if c.N != i+1 || !strings.Contains(ans.Text, c.Quote+fmt.Sprintf(" [%d]", c.N)) || !quoted(c.Text, c.Quote) {
				t.Fatalf("citation %d of %+v", i, ans)
			}
		}
	})
}

func TestFeatureSignsCoverEveryFeature(t *testing.T) {
	if len(FeatureSigns) != len(FeatureNames) || len(confidenceWeights) != len(FeatureNames)+1 {
		t.Fatalf("%d signs, %d names, %d weights", len(FeatureSigns), len(FeatureNames), len(confidenceWeights))
	}
	for i, w := range confidenceWeights[1:] {
		if w*FeatureSigns[i] < 0 {
			t.Errorf("%s has weight %.3f against its sign", FeatureNames[i], w)
		}
	}
}

// TestExactWordsBeatStems: Snowball stems "important" and "imported" alike;
// the reader does not take one for the other.
func TestExactWordsBeatStems(t *testing.T) {
	ix := builtinIndex(t)
	q := "Why is Kazakhstan important to China?"
	hits, err := ix.Search(context.Background(), q, 5)
	if err != nil {
		t.Fatal(err)
	}
	if got := New(ix.TermStats()).Evaluate(q, nil, hits).Sentence(); strings.Contains(got, "imported") {
		t.Fatalf("best sentence %q matches the stem, not the word", got)
	}
}

// TestNeighbours: a word used alike (the lexicon's GloVe neighbours) covers a
// question's word, but a name only in its own other forms, and never the
// "X" of "What is the X of Y?".
func TestNeighbours(t *testing.T) {
	ctx := context.Background()
	c := corpus.New("notes", []corpus.Document{
		{Path: "fort.txt", Text: "# Fort Alder\n\nFort Alder was built in 1820 on the river bend. In 1854 the fort housed 400 soldiers and twelve cannon. The fort was closed in 1901."},
		{Path: "embassy.txt", Text: "# Embassy\n\nThe Chinese government opened an embassy in Velmora in 1992. Trade grew quickly after that."},
		{Path: "economy.txt", Text: "# Economy of Velmora\n\nVelmora's economic growth was 5 percent in 2023, driven by exports of copper to Japanese buyers."},
	})
	ix, err := retrieval.Build(ctx, c.Passages)
	if err != nil {
		t.Fatal(err)
	}
	q := "How many troops did Fort Alder house in 1854?"
	hits, err := ix.Search(ctx, q, 5)
	if err != nil {
		t.Fatal(err)
	}
	off := AllFeatures
	off.Neighbours = false
	with := New(ix.TermStats()).Evaluate(q, nil, hits)
	without := New(ix.TermStats(), WithFeatures(off)).Evaluate(q, nil, hits)
	if !strings.Contains(with.Sentence(), "400 soldiers") || with.best.coverage <= without.best.coverage {
		t.Errorf("troops ~ soldiers: coverage %.2f with neighbours (%q), %.2f without", with.best.coverage, with.Sentence(), without.best.coverage)
	}
	// …but "troops" is still a word no passage has, for the confidence.
	if with.absent == 0 {
		t.Error("a neighbour counted as the question's word being there")
	}
	for _, q := range []string{
		"When did the Japanese government open an embassy in Velmora?", // Japanese is no form of Chinese
		"What is the GDP of Velmora?",                                  // growth is no GDP
	} {
		if ans := ask(t, ix, New(ix.TermStats()), q); !ans.Abstained {
			t.Errorf("%q answered %q, want an abstention", q, ans.Text)
		}
	}
}

func TestOrdinalConflict(t *testing.T) {
	tests := []struct {
		q, s string
		want bool
	}{
		{"When was the first friendly dialogue signed?", "In 2023 they signed a Second friendly dialogue.", true},
		{"When was the first friendly dialogue signed?", "The first dialogue was signed in 2019; the second in 2023.", false},
		{"When was the first friendly dialogue signed?", "The dialogue was signed in 2019.", false},
		{"Who was the last emperor?", "The third emperor was Puyi.", true},
		{"How long does the trial period last?", "Probation is the first six months.", false}, // "last" is a verb
		{"What did the 2nd congress decide?", "The second congress decided to split.", false},
		{"What is the speed of the first model?", "It reaches 3 metres per second.", false}, // a unit, no ordinal
	}
	for _, tc := range tests {
		if got := ordinalConflict(ordinals(tc.q), tc.s); got != tc.want {
			t.Errorf("ordinalConflict(%q, %q) = %v, want %v", tc.q, tc.s, got, tc.want)
		}
	}
}

// TestUnknownNumberAbstains: a year no document mentions cannot be asked
// about, however well the rest of the question matches.
func TestUnknownNumberAbstains(t *testing.T) {
	ctx := context.Background()
	c := corpus.New("notes", []corpus.Document{
		{Path: "trade.txt", Text: "# Trade\n\nAnnual trade turnover between Velmora and Ostland reached $31 billion in 2021. The two governments aim to grow it to $35 billion by 2030."},
	})
	ix, err := retrieval.Build(ctx, c.Passages)
	if err != nil {
		t.Fatal(err)
	}
	a := New(ix.TermStats())
	if ans := ask(t, ix, a, "What was the trade turnover between Velmora and Ostland in 2021?"); ans.Abstained || !strings.Contains(ans.Text, "$31 billion") {
		t.Errorf("a year the documents have: got %q", ans.Text)
	}
	if ans := ask(t, ix, a, "What was the trade turnover between Velmora and Ostland in 2022?"); !ans.Abstained {
		t.Errorf("a year no document has: answered %q, want an abstention", ans.Text)
	}
	// A number offered as one of two, or the asker's own, need not be in
	// the documents.
	for _, q := range []string{
		"Was the trade turnover between Velmora and Ostland $31 billion or $29 billion in 2021?",
		"My firm shipped 4750 crates to Ostland; what was the whole trade turnover between Velmora and Ostland in 2021?",
	} {
		if ans := ask(t, ix, a, q); ans.Abstained || !strings.Contains(ans.Text, "$31 billion") {
			t.Errorf("%q: got %q", q, ans.Text)
		}
	}
}

// TestFollowUpAsksForItsOwnUnits: a follow-up's physical quantity is its
// own, not the earlier question's: "And how long is its power cord?" after
// "What is its weight?" is not answered in kilograms.
func TestFollowUpAsksForItsOwnUnits(t *testing.T) {
	ctx := context.Background()
	c := corpus.New("manual", []corpus.Document{{Path: "manual.md", Text: "# Lumavo BX-700 bread maker\n\n## Technical specifications\n\n" +
		"| Item | Value |\n|---|---|\n| Rated power | 650 W |\n| Weight | 6.2 kg |\n| Power cord length | 1.1 m |\n\n## Cleaning\n\nWipe the pan with a damp cloth."}})
	ix, err := retrieval.Build(ctx, c.Passages)
	if err != nil {
		t.Fatal(err)
	}
	a := New(ix.TermStats())
	first := "What is the weight of the BX-700 bread maker?"
	got := ask(t, ix, a, first)
	if !strings.Contains(got.Text, "6.2 kg") {
		t.Fatalf("%q: got %q", first, got.Text)
	}
	next := ask(t, ix, a, "And how long is its power cord?", got.Turn(first))
	if strings.Contains(next.Text, "6.2 kg") || !next.Abstained && !strings.Contains(next.Text, "1.1 m") {
		t.Errorf("follow-up answered %q, want the cord's length or an abstention", next.Text)
	}
}

// TestFollowUpPredicateFromContext: a follow-up's own words may all be
// paraphrased ("quit" for "resigned"); the earlier question's words it
// points back to say what it asks about.
func TestFollowUpPredicateFromContext(t *testing.T) {
	ctx := context.Background()
	c := corpus.New("canal", []corpus.Document{{Path: "canal.txt", Text: "# The canal\n\n" +
		"The first chief engineer of the canal, John Findley Wallace, resigned in 1905 because of a yellow fever outbreak. " +
		"His successor, John Frank Stevens, rebuilt the railway. The canal opened in 1914."}})
	ix, err := retrieval.Build(ctx, c.Passages)
	if err != nil {
		t.Fatal(err)
	}
	a := New(ix.TermStats())
	first := "Who was the first chief engineer of the canal?"
	got := ask(t, ix, a, first)
	if !strings.Contains(got.Text, "Wallace") {
		t.Fatalf("%q: got %q", first, got.Text)
	}
	next := ask(t, ix, a, "Why did he quit?", got.Turn(first))
	if !strings.Contains(next.Text, "yellow fever") {
		t.Errorf("follow-up answered %q, want the yellow fever sentence", next.Text)
	}
}

// TestMustFit: the kinds only a sentence of that kind answers.
func TestMustFit(t *testing.T) {
	for k := kindOther; k <= kindVersion; k++ {
		want := k != kindOther && k != kindWho && k != kindOrg && k != kindReason && k != kindYesNo && k != kindDefinition
		if got := mustFit(k); got != want {
			t.Errorf("mustFit(%v) = %v, want %v", k, got, want)
		}
	}
}

// TestTitleIsNoAnswer: the first line of a .txt file is its title, what it
// is about; it is never quoted as an answer, dates and all.
func TestTitleIsNoAnswer(t *testing.T) {
	ctx := context.Background()
	c := corpus.New("bio", []corpus.Document{{Path: "bio.txt", Text: "Halina Wroblewska-Arden (1908-1979)\n\n" +
		"Halina Wroblewska-Arden was a Polish-born British crystallographer. She studied chemistry in Warsaw."}})
	ix, err := retrieval.Build(ctx, c.Passages)
	if err != nil {
		t.Fatal(err)
	}
	q := "In what year did Halina Wroblewska-Arden obtain her PhD?"
	hits, err := ix.Search(ctx, q, 5)
	if err != nil {
		t.Fatal(err)
	}
	a := New(ix.TermStats())
	a.trace = func(c candidate) {
		if strings.Contains(c.text, "(1908-1979)") {
			t.Errorf("the title was scored as an answer: %q", c.text)
		}
	}
	a.Evaluate(q, nil, hits)
}

// TestQuestionIsNoAnswer: a sentence that asks (a FAQ's question, a
// subheading) is never quoted as an answer, however well it matches.
func TestQuestionIsNoAnswer(t *testing.T) {
	scored := scoredTexts(t, "In what ways do glaciers move?",
		corpus.Document{Path: "glaciers.txt", Text: "Glaciers\n\n" +
			"How fast do glaciers move? Most glaciers move a few metres a day, and some surge at up to 100 metres a day."},
		// A FAQ's question in bold, or quoted, is a question too.
		corpus.Document{Path: "faq.md", Text: "# Glacier FAQ\n\n**How fast do glaciers move in winter?**\n\nGlaciers move more slowly in winter.\n\n" +
			"_How fast do glaciers move in summer?_\n\nThey move fastest in late summer.\n\n\"How fast do glaciers move on slopes?\"\n\nFaster on steep slopes."})
	for _, text := range scored {
		if strings.HasPrefix(strings.TrimLeft(text, "*_\""), "How fast") {
			t.Errorf("a question was scored as an answer: %q", text)
		}
	}
}

// scoredTexts asks q of an index of docs and returns the text of every
// candidate the answerer scored; it fails the test when it scored none.
func scoredTexts(t *testing.T, q string, docs ...corpus.Document) []string {
	t.Helper()
	ctx := context.Background()
	ix, err := retrieval.Build(ctx, corpus.New("test", docs).Passages)
	if err != nil {
		t.Fatal(err)
	}
	hits, err := ix.Search(ctx, q, 5)
	if err != nil {
		t.Fatal(err)
	}
	a := New(ix.TermStats())
	var scored []string
	a.trace = func(c candidate) { scored = append(scored, c.text) }
	a.Evaluate(q, nil, hits)
	if len(scored) == 0 {
		t.Fatal("no sentence was scored")
	}
	return scored
}

// TestCodesAreNoNames: a bullet's first word starts the sentence, and
// letters joined to a number are a code, so "- Fixed CVE-2024-22190" names
// no one for a who-question.
func TestCodesAreNoNames(t *testing.T) {
	for s, want := range map[string][2]int{
		"- Fixed CVE-2024-22190, a path traversal vulnerability.": {0, 0},
		"The flaw was found by Kenji Watanabe during an audit.":   {2, 1},
		"- Reported by Elena Markovic.":                           {2, 1},
	} {
		names, runs := newNames(s, "Who discovered the path traversal bug?")
		if names != want[0] || runs != want[1] {
			t.Errorf("newNames(%q) = %d names, %d runs; want %v", s, names, runs, want)
		}
	}
}

// TestOpposed: a sentence that says the opposite of a question's word
// instead of the word answers another question ("during the day" for "at
// night"); the word itself, a word sharing its stem's first letters, or an
// opposite too common in other senses ("how long does it last" is no
// "first") is no opposition.
func TestOpposed(t *testing.T) {
	a := &Answerer{opposites: lexiconOpposites}
	tests := []struct {
		q, s string
		want bool
	}{
		{"Why does the Calvin cycle run only at night?", "It normally runs during the day.", true},
		{"Why do plants close their stomata on cold, wet days?", "On hot, dry days many plants close their stomata.", true},
		{"Why does photorespiration increase at low temperatures?", "Photorespiration increases at high temperatures.", true},
		{"Why do plants close their stomata on hot days?", "On hot, dry days many plants close their stomata.", false},
		{"How long does the trial period last?", "The probation period is the first six months.", false},
		{"Was Talas as far west as a Chinese army got?", "It was fought near Taraz, one of the westernmost points reached.", false},
	}
	for _, tc := range tests {
		q := questionTerms(tc.q, func(string) float64 { return 1 }, func(string) bool { return true }, 5)
		if got := opposedBy(q, a.oppositesOf(q), termSet(tc.s)); got != tc.want {
			t.Errorf("opposed(%q, %q) = %v, want %v", tc.q, tc.s, got, tc.want)
		}
	}
}

// TestAbstainsOnOpposite: the answerer refuses a sentence that matches the
// question but for its opposite word, and answers when the word is there.
func TestAbstainsOnOpposite(t *testing.T) {
	abstainsOn(t, "Photosynthesis\n\n"+
		"On hot, dry days many plants close their stomata, which slows photosynthesis. "+
		"Chlorophyll absorbs red and blue light strongly but reflects most green light.",
		map[string]bool{
			"What slows photosynthesis on cold, wet days?": true,
			"What slows photosynthesis on hot, dry days?":  false,
		})
}

// abstainsOn asks each question of a one-document corpus and checks
// whether the answerer abstains as wanted.
func abstainsOn(t *testing.T, text string, abstain map[string]bool) {
	t.Helper()
	ctx := context.Background()
	c := corpus.New("doc", []corpus.Document{{Path: "doc.txt", Text: text}})
	ix, err := retrieval.Build(ctx, c.Passages)
	if err != nil {
		t.Fatal(err)
	}
	a := New(ix.TermStats(), lexiconOption()...)
	for q, want := range abstain {
		hits, err := ix.Search(ctx, q, 5)
		if err != nil {
			t.Fatal(err)
		}
		got, err := a.Answer(ctx, answer.Request{Question: q, Passages: hits})
		if err != nil {
			t.Fatal(err)
		}
		if got.Abstained != want {
			t.Errorf("%q: abstained %v, want %v (%q)", q, got.Abstained, want, got.Text)
		}
	}
}

// TestYearConflict: a question about a year is not answered by a sentence
// that dates other things only; one without years, or with the year, may.
func TestYearConflict(t *testing.T) {
	q := "Who founded the Macedonian dynasty in 976?"
	for s, want := range map[string]bool{
		"Under the Macedonian dynasty, founded by Basil I in 867, the empire revived.": true,
		"Basil II reigned from 976 to 1025.":                                           false,
		"The Macedonian dynasty was founded by Basil I.":                               false,
	} {
		if got := yearConflict(years(q), s); got != want {
			t.Errorf("yearConflict(%q) = %v, want %v", s, got, want)
		}
	}
	if yearConflict(years("Who founded the Macedonian dynasty?"), "It was founded in 867.") {
		t.Error("a question without a year conflicts with none")
	}
}

// TestAbstainsOnOtherYear: the year in the next sentence does not make a
// sentence dated otherwise an answer.
func TestAbstainsOnOtherYear(t *testing.T) {
	abstainsOn(t, "The Byzantine Empire\n\n"+
		"Under the Macedonian dynasty, founded by Basil I in 867, the empire enjoyed a revival. "+
		"Basil II, who reigned from 976 to 1025, conquered Bulgaria.",
		map[string]bool{
			"Who founded the Macedonian dynasty in 976?": true,
			"Who founded the Macedonian dynasty?":        false,
		})
}

// TestAnswerTypeNounIsWeak: the noun of "Which company …?" in a sentence
// counts half a word: "Company contributes 6%" in the pension row is weak
// evidence that the row says which company provides something.
func TestAnswerTypeNounIsWeak(t *testing.T) {
	a := &Answerer{features: AllFeatures}
	q := questionTerms("Which company provides pensions?", func(string) float64 { return 1 }, func(string) bool { return true }, 5)
	var optional bool
	for _, qt := range q {
		optional = optional || qt.optional
	}
	if !optional {
		t.Fatalf("no answer-type noun in %+v", q)
	}
	s := "The company pays pensions."
	m := a.match(q, nil, termSet(s), nil, nil, termSurfaces(s))
	// pension (1) and half of company (0.5) of provide, pension and half
	// of company: 1.5 / 2.5.
	if math.Abs(m.coverage-0.6) > 1e-9 {
		t.Errorf("coverage %.3f, want 0.600", m.coverage)
	}
}

// TestFocusByDerivation: the thing asked for may be named by a word one
// derivational ending away: "founded" has the founder of "Who was the
// founder of the dynasty?".
func TestFocusByDerivation(t *testing.T) {
	a := &Answerer{}
	if !a.hasFocus(focusTerms("Who was the founder of the Macedonian dynasty?"), termSet("The Macedonian dynasty was founded by Basil I in 867.")) {
		t.Error("founded does not name the founder")
	}
	if a.hasFocus(focusTerms("Who was the founder of the Macedonian dynasty?"), termSet("The Macedonian dynasty ruled until 1056.")) {
		t.Error("a sentence without the founder has the focus")
	}
}

// TestMoneyNeedsMoney: a money question is refused by a sentence that has
// only a bare number, and answered by one with a sum.
func TestMoneyNeedsMoney(t *testing.T) {
	abstainsOn(t, "Acquisitions\n\n"+
		"In 1996 the firm bought Brandt Instruments, which brought 140 new employees.\n\n"+
		"The firm opened an office in Lyon in 1999 and another in Porto in 2001.\n\n"+
		"In 2004 the firm bought Auric Photonics for $96 million.",
		map[string]bool{
			"How much did the firm pay for Brandt Instruments?": true,
			"How much did the firm pay for Auric Photonics?":    false,
		})
}

// TestDerivationCovers: "retirement" covers the "retire" of the question
// (its stem is the same, its ending derivational), where a mere stem
// collision ("imported" for "important") covers nothing.
func TestDerivationCovers(t *testing.T) {
	a := &Answerer{features: AllFeatures}
	q := questionTerms("When did Tobias Veit retire?", func(string) float64 { return 1 }, func(string) bool { return true }, 5)
	s := "Tobias Veit remained head of manufacturing until his retirement in December 2001."
	if m := a.match(q, nil, termSet(s), nil, nil, termSurfaces(s)); !m.predicate {
		t.Errorf("retirement does not cover retire (coverage %.2f)", m.coverage)
	}
	q = questionTerms("What is important?", func(string) float64 { return 1 }, func(string) bool { return true }, 5)
	s = "Steel was imported."
	if m := a.match(q, nil, termSet(s), nil, nil, termSurfaces(s)); m.predicate {
		t.Errorf("imported covers important (coverage %.2f)", m.coverage)
	}
}

var wordRe = regexp.MustCompile(`[\pL\pN]+`)

// quoted reports whether every word of quote is in text: a quote is a
// tidied sentence of its passage (citation marks dropped, a pair joined).
func quoted(text, quote string) bool {
	have := map[string]bool{}
	for _, w := range wordRe.FindAllString(text, -1) {
		have[w] = true
	}
	for _, w := range wordRe.FindAllString(quote, -1) {
		if !have[w] {
			return false
		}
	}
	return quote != ""
}

// TestRunnerUp quotes the second sentence too when the ranking cannot
// tell the two apart, and not when the second could not answer by itself
// (a when-question's date), nor with RunnerUp off.
func TestRunnerUp(t *testing.T) {
	ctx := context.Background()
	build := func(docs ...string) *retrieval.Index {
		t.Helper()
		var ds []corpus.Document
		for i, d := range docs {
			ds = append(ds, corpus.Document{Path: fmt.Sprintf("d%d.md", i), Text: fmt.Sprintf("# Note %d\n\n%s\n", i, d)})
		}
		ix, err := retrieval.Build(ctx, corpus.New("t", ds).Passages)
		if err != nil {
			t.Fatal(err)
		}
		return ix
	}
	tied := build("The Harlow footbridge opened to walkers in 1932.", "Crowds watched as the Harlow footbridge was opened in 1934.",
		"Gulls nest under the arches every spring.")
	for _, tc := range []struct {
		name     string
		ix       *retrieval.Index
		features Features
		question string
		want     int // citations; 0 = abstained
	}{
		{"near tie", tied, AllFeatures, "When was the Harlow footbridge opened?", 2},
		{"near tie, runner-up off", tied, Features{Types: true, Surface: true, FollowUps: true, Confidence: true, Lexicon: true, Learned: true, Neighbours: true}, "When was the Harlow footbridge opened?", 1},
		{"runner-up without the date", build("The Harlow footbridge opened to walkers in 1932.", "Crowds watched as the Harlow footbridge was opened by the mayor.",
			"Gulls nest under the arches every spring."), AllFeatures, "When was the Harlow footbridge opened?", 1},
	} {
		a := New(tc.ix.TermStats(), WithFeatures(tc.features))
		ans := ask(t, tc.ix, a, tc.question)
		got := len(ans.Citations)
		if ans.Abstained {
			got = 0
		}
		if got != tc.want {
			t.Errorf("%s: %d citations, want %d: %q", tc.name, got, tc.want, ans.Text)
			continue
		}
		if got == 2 && (!strings.Contains(ans.Text, "1932. [") || !strings.Contains(ans.Text, "1934. [") || ans.Citations[0].ID == ans.Citations[1].ID) {
			t.Errorf("%s: %q cites %v", tc.name, ans.Text, ans.Citations)
		}
	}
}

// TestAbstainsWithoutASubject refuses a question whose words only
// describe the asking ("time", "called"): any dated or named sentence would
// match it. The same words after a turn that says what "it" is are
// answered.
func TestAbstainsWithoutASubject(t *testing.T) {
	ix := builtinIndex(t)
	a := New(ix.TermStats())
	for _, q := range []string{"What time is it?", "What is it called?", "When?"} {
		if ans := ask(t, ix, a, q); !ans.Abstained {
			t.Errorf("%q answered: %q", q, ans.Text)
		}
	}
	prev := ask(t, ix, a, "What did the Kazakh Health Ministry call the embassy's pneumonia claim?")
	if ans := ask(t, ix, a, "When was it?", prev.Turn("What did the Kazakh Health Ministry call the embassy's pneumonia claim?")); ans.Abstained {
		t.Errorf("follow-up refused: %q", ans.Text)
	}
}

// TestReadOrder lists the passages read by their best sentence's
// evidence, whatever their retrieval order, also when the answerer
// abstains: the closest passage comes first.
func TestReadOrder(t *testing.T) {
	ctx := context.Background()
	c := corpus.New("t", []corpus.Document{
		{Path: "gulls.md", Text: "# Gulls\n\nGulls nest under the arches of the bridge every spring.\n"},
		{Path: "bridge.md", Text: "# Bridge\n\nThe Harlow footbridge opened to walkers in 1932.\n"},
	})
	ix, err := retrieval.Build(ctx, c.Passages)
	if err != nil {
		t.Fatal(err)
	}
	var gulls, bridge retrieval.Hit
	for _, p := range c.Passages {
		if strings.Contains(p.Text, "Gulls") {
			gulls.Passage = p
		} else {
			bridge.Passage = p
		}
	}
	a := New(ix.TermStats())
	for q, abstains := range map[string]bool{"When did the Harlow footbridge open?": false, "When did the Harlow footbridge close?": true} {
		ans, err := a.Answer(ctx, answer.Request{Question: q, Passages: []retrieval.Hit{gulls, bridge}})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Abstained != abstains || len(ans.Read) == 0 || ans.Read[0] != bridge.ID {
			t.Errorf("%s (abstained %v): read %v, want %s first", q, ans.Abstained, ans.Read, bridge.ID)
		}
	}
}

// TestRunnerUpChoice picks the runner-up among scored candidates: the best
// other one within runnerMargin that is not the best again, lacks no
// heavier question word, is no other row of the best's table, and passes
// the hard rules.
func TestRunnerUpChoice(t *testing.T) {
	ok := candidate{fits: true, focus: true, predicate: true, allNamed: true}
	with := func(c candidate, text string, score float64, f func(*candidate)) candidate {
		c.text, c.score = text, score
		if f != nil {
			f(&c)
		}
		return c
	}
	best := with(ok, "The bridge opened in 1932.", 10, nil)
	for _, tc := range []struct {
		name   string
		others []candidate
		want   string
	}{
		{"within the margin", []candidate{with(ok, "It was opened in 1934.", 9.2, nil)}, "It was opened in 1934."},
		{"beyond the margin", []candidate{with(ok, "It was opened in 1934.", 10-runnerMargin-0.01, nil)}, ""},
		{"the higher of two", []candidate{with(ok, "A 1930.", 9.1, nil), with(ok, "B 1931.", 9.6, nil)}, "B 1931."},
		{"the best again, in a pair", []candidate{with(ok, "The bridge opened in 1932. Crowds came.", 9.9, nil)}, ""},
		{"lacks a heavier word", []candidate{with(ok, "It was opened in 1934.", 9.9, func(c *candidate) { c.missing = 0.3 })}, ""},
		{"fails a hard rule", []candidate{with(ok, "It was opened by the mayor.", 9.9, func(c *candidate) { c.fits = false })}, ""},
		{"says the opposite", []candidate{with(ok, "It was closed in 1934.", 9.9, func(c *candidate) { c.opposed = true })}, ""},
		{"another row of the table", []candidate{with(ok, "Type: Sick leave; Days: 20", 9.9, func(c *candidate) { c.rank = make([]float64, len(RankFeatureNames)); c.rank[rfRow] = 1 })}, "Type: Sick leave; Days: 20"},
	} {
		ev := Evaluation{best: best, ok: true, kind: kindWhen}
		got, found := runnerUp(ev, append([]candidate{best}, tc.others...))
		if found != (tc.want != "") || got.text != tc.want {
			t.Errorf("%s: runner-up %q (%v), want %q", tc.name, got.text, found, tc.want)
		}
	}
	// Two rows of one table: the best row's sibling is another item, not
	// a second reading of the question.
	row := func(c candidate, hit int) candidate {
		c.hit, c.rank = hit, make([]float64, len(RankFeatureNames))
		c.rank[rfRow] = 1
		return c
	}
	ev := Evaluation{best: row(with(ok, "Type: Bereavement; Days: 5", 10, nil), 0), ok: true, kind: kindOther}
	if got, found := runnerUp(ev, []candidate{ev.best, row(with(ok, "Type: Sick leave; Days: 20", 9.9, nil), 0)}); found {
		t.Errorf("sibling row quoted: %q", got.text)
	}
	if _, found := runnerUp(ev, []candidate{ev.best, row(with(ok, "Type: Sick leave; Days: 20", 9.9, nil), 1)}); !found {
		t.Error("a row of another passage's table is not quoted")
	}
}

// TestUnknownIdentifier: which tokens of a question count as identifiers,
// and when one is unknown to the documents.
func TestUnknownIdentifier(t *testing.T) {
	hits := []retrieval.Hit{{Passage: corpus.Passage{Text: "Set `tls.min_version` to \"1.2\"."}},
		{Passage: corpus.Passage{Section: "Errors › `QS115: duplicate permalink`", Text: "Two pages claim the same address."}},
		{Passage: corpus.Passage{Text: "func OnceValue(f func() T) func() T. Slice sorts; a sync.Map is a Map. NaN. See GitHub. Error E12: jammed."}}}
	tests := []struct {
		q    string
		want bool
	}{
		{"What does sync.OnceValue return?", false},
		{"What does sync.OnceValues return?", true},                // a qualified name the documents lack
		{"what does SearchFloat64s return", true},                  // a CamelCase name
		{"Is sort.Slice stable?", false},                           // the name, not its package, is looked up
		{"How many GitHub stars?", false},                          // known
		{"Does it run on FreeBSD?", true},                          // a product written as an identifier
		{"where do NaNs go", false},                                // a plural of a known one
		{"default of tls.min_version", false},                      // snake_case in a passage read
		{"default of tls.max_version", true},                       // snake_case in none
		{"Does it use tls.max_version or tls.min_version?", false}, // either/or
		{"When did she get her PhD?", false},                       // a stray capital is no identifier
		{"Who signed the MoU?", false},
		{"How should I fix a conflict in burrow.lock?", false}, // a file name
		{"Is Node.js supported?", false},
		{"What did the U.S. say, e.g. in 1992?", false},
		{"What does Load do?", false},               // a plain capitalised word
		{"what does error E03 mean", true},          // a code no passage has
		{"what does error E12 mean", false},         // one a passage has
		{"is it utf8 safe", false},                  // lower-case letters and digits are no code
		{"Is there a COVID-19 warning?", false},     // nor a name with a number after a hyphen
		{"what does error E4 mean", true},           // one digit is a code too
		{"What were the total sales in Q3?", false}, // a quarter is written out
		{"QS115 duplicate permalink, why?", false},  // in a heading only
	}
	for _, tc := range tests {
		if got := unknownIdentifier(tc.q, hits); got != tc.want {
			t.Errorf("unknownIdentifier(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
}

// TestAbstainsOnUnknownIdentifier: through the index, a question about an
// identifier the docs do not have is refused even though the doc of a
// near namesake matches it well; the namesake's own question is answered.
func TestAbstainsOnUnknownIdentifier(t *testing.T) {
	ctx := context.Background()
	c := corpus.New("docs", []corpus.Document{{Path: "sync.txt", Text: "Package sync\n\nfunc OnceValue(f func() T) func() T\n\n" +
		"OnceValue returns a function that invokes f only once and returns the value returned by f.\n\n" +
		"func OnceFunc(f func()) func()\n\nOnceFunc returns a function that invokes f only once."}})
	ix, err := retrieval.Build(ctx, c.Passages)
	if err != nil {
		t.Fatal(err)
	}
	if ans := ask(t, ix, New(ix.TermStats()), "What does sync.OnceValue return?"); ans.Abstained || !strings.Contains(ans.Text, "returns a function that invokes f only once and returns the value") {
		t.Fatalf("known identifier: got %q", ans.Text)
	}
	if ans := ask(t, ix, New(ix.TermStats()), "What does sync.OnceValues return?"); !ans.Abstained {
		t.Fatalf("unknown identifier answered: %q", ans.Text)
	}
	off := AllFeatures
	off.Identifiers = false
	if ans := ask(t, ix, New(ix.TermStats(), WithFeatures(off)), "What does sync.OnceValues return?"); ans.Abstained {
		t.Fatalf("without the rule the namesake's sentence should be quoted; abstained")
	}
}

// TestFollowUpStaysInTheDocument: a follow-up that points back reads the
// documents the previous answer cited, when any was retrieved, and not
// another document whose sentence matches its words better.
func TestFollowUpStaysInTheDocument(t *testing.T) {
	ctx := context.Background()
	c := corpus.New("docs", []corpus.Document{
		{Path: "club.txt", Text: "Brasswick Rovers\n\nThe first full-time manager of Rovers was Alf Penrose, appointed in 1920.\n\nIn 1931 Eddie Marsh took over as manager."},
		{Path: "kitchen.txt", Text: "The Kitchen\n\nMarguerite Fenwold ran the kitchen until 2009, when her nephew Cassian took over from her."},
	})
	ix, err := retrieval.Build(ctx, c.Passages)
	if err != nil {
		t.Fatal(err)
	}
	var hits []retrieval.Hit
	for _, p := range c.Passages { // the kitchen first, as a retrieval might rank it
		if p.Source == "kitchen.txt" {
			hits = append([]retrieval.Hit{{Passage: p, Score: 1}}, hits...)
		} else {
			hits = append(hits, retrieval.Hit{Passage: p, Score: 0.9})
		}
	}
	h := []answer.Turn{{Question: "Who was the first full-time manager of Rovers?", Answer: "The first full-time manager of Rovers was Alf Penrose, appointed in 1920. [1]", Cited: []string{"club.txt#1"}}}
	a := New(ix.TermStats())
	if got := a.Evaluate("who took over from him?", h, hits).Sentence(); !strings.Contains(got, "Eddie Marsh") {
		t.Errorf("who took over from him? → %q, want the club's next manager", got)
	}
}

// FuzzUnknownIdentifier: any question text, against any passage text, is
// read without a panic, and an identifier-free question is never refused.
func FuzzUnknownIdentifier(f *testing.F) {
	for _, s := range []string{"What does sync.OnceValues return?", "tls.max_version", "E03 or E04", "U.S. e.g. a.b.c", "NaNs", "ÄÖü_ßx.Y()", "__init__.py", "a.", ".b", "x_"} {
		f.Add(s, "func OnceValue. Set tls.min_version. Error E12.")
	}
	f.Fuzz(func(t *testing.T, q, passage string) {
		hits := []retrieval.Hit{{Passage: corpus.Passage{Text: passage}}}
		got := unknownIdentifier(q, hits)
		if got != unknownIdentifier(q, hits) {
			t.Fatal("not deterministic")
		}
		if got && !identRe.MatchString(q) {
			t.Fatalf("%q refused without an identifier", q)
		}
	})
}

// TestAbstentionQuotesTheClosestSentence: an abstention lists the passages
// that came closest, best first, each with the sentence of it that came
// closest — the sentence the answerer would have quoted, had its
// confidence been enough — and cites nothing. An answer lists none.
func TestAbstentionQuotesTheClosestSentence(t *testing.T) {
	ctx := context.Background()
	c := corpus.New("club", []corpus.Document{{Path: "club.md", Text: "# Rovers\n\n" +
		"The club was founded in 1898 by rope workers. Walter Ommaney became manager in 1960. Ommaney resigned in 1972 after a dispute with the board.\n\n" +
		"The stadium on Mill Road holds 12,000 people and was opened in 1924.\n\n" +
		"The club's colours are green and white hoops, chosen by the founders.\n\n" +
		"The reserve team plays in the county league."}})
	ix, err := retrieval.Build(ctx, c.Passages)
	if err != nil {
		t.Fatal(err)
	}
	const q = "Why did Walter Ommaney resign?"
	answered := ask(t, ix, New(ix.TermStats()), q)
	if answered.Abstained || len(answered.Citations) == 0 || len(answered.Closest) != 0 {
		t.Fatalf("answered = %+v, want an answer without closest passages", answered)
	}
	refused := ask(t, ix, New(ix.TermStats(), WithThreshold(2)), q)
	if !refused.Abstained || len(refused.Citations) != 0 {
		t.Fatalf("refused = %+v, want an abstention", refused)
	}
	if n := len(refused.Closest); n == 0 || n > MaxClosest {
		t.Fatalf("closest = %+v, want 1 to %d passages", refused.Closest, MaxClosest)
	}
	first := refused.Closest[0]
	if first.ID != answered.Citations[0].ID || first.Quote != answered.Citations[0].Quote || first.N != 0 {
		t.Errorf("closest[0] = %s %q (N %d), want %s %q (N 0)", first.ID, first.Quote, first.N, answered.Citations[0].ID, answered.Citations[0].Quote)
	}
	if !strings.Contains(first.Quote, "dispute with the board") {
		t.Errorf("closest sentence %q, want the resignation's", first.Quote)
	}
	seen := map[string]bool{}
	for _, cl := range refused.Closest {
		if seen[cl.ID] || cl.Quote == "" || !strings.Contains(strings.Join(strings.Fields(cl.IndexText()), " "), strings.Join(strings.Fields(cl.Quote), " ")) {
			t.Errorf("closest %s %q: want distinct passages, each quoting a sentence of its own", cl.ID, cl.Quote)
		}
		seen[cl.ID] = true
	}
}

// TestCapsHeadingIsNoAnswer: a plain-text heading in capitals is never
// quoted; a sentence with an acronym, or a one-word line, may be.
func TestCapsHeadingIsNoAnswer(t *testing.T) {
	for s, want := range map[string]bool{
		"DONORS AND SUPPORTERS":             true,
		"PART ONE: THE MARSHES":             true,
		"CHIEF EXECUTIVE'S COMMENTS":        true,
		"NATO":                              false,
		"THE END.":                          false,
		"NATO AND THE EU agreed in 2004.":   false,
		"The museum depends on its donors.": false,
		"OK GO":                             false, // too few letters to be sure
	} {
		if got := capsHeading(s); got != want {
			t.Errorf("capsHeading(%q) = %v, want %v", s, got, want)
		}
	}
	scored := scoredTexts(t, "Who are the museum's donors and supporters?", corpus.Document{Path: "museum.txt", Text: "The Museum\n\n" +
		"The museum depends on the generosity of donors.\n\nDONORS AND SUPPORTERS\n\n" +
		"The largest gift came from the Halvard Foundation, which gave 2.4 million crowns in 2019."})
	for _, text := range scored {
		if strings.Contains(text, "DONORS AND SUPPORTERS") {
			t.Errorf("a heading was scored as an answer: %q", text)
		}
	}
}

// FuzzUnits: any passage text splits into units without panicking, and
// every word a unit quotes is a word of the passage (units copy, they
// never write).
func FuzzUnits(f *testing.F) {
	for _, s := range []string{"Callers should Wait in a loop:\n\nc.L.Lock()\nfor {\n}\n", "DONORS AND SUPPORTERS\n\nThe museum thanks them.",
		"**Can I pay later?**\n\nYes.", "| a | b |\n|---|---|\n| 1 | 2 |", "To reset:\n1. Open.\n2. Close.", "func A()\n    A does a.", "func (b *W) Init() *W", "```\nx\n", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		words := map[string]bool{}
		for _, w := range strings.Fields(text) {
			words[w] = true
		}
		for _, u := range units(text) {
			for _, w := range strings.Fields(u.text) {
				if !words[w] && !strings.Contains(text, w) {
					t.Fatalf("unit %q has %q, not in the passage %q", u.text, w, text)
				}
			}
			asksSomething(u.text)
			capsHeading(u.text)
		}
		codeLines(strings.Split(text, "\n"))
	})
}
