package corpus

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// benchmarkSentences mix dated and undated sentences, numbers that are not
// dates, and reference markers, in roughly the proportions of encyclopedic
// text. {Y} is a year, {Y2} a later year, {D} a day, {M} a month name, {N}
// a quantity, {O} an ordinal, {R} a reference marker.
var benchmarkSentences = []string{
	"In {Y}, Russian Cossack cavalry invaded the region and defeated the local troops.{R}",
	"The two countries formed diplomatic relations on {M} {D}, {Y}, on the same day as the declaration.",
	"On {D} {M} {Y}, the embassy issued a warning about an unidentified strain of pneumonia.",
	"The next day, the ministry dismissed the claim as fake news.",
	"From {Y} to {Y2}, both governments signed {N} agreements to create cooperation zones.",
	"Under the reign of the emperor ({Y}–{Y2}), the foundations for a flourishing relationship were laid.",
	"Kazakhstan is a key partner in the region due to its location, size, and substantial energy resources.{R}",
	"The cavalry occupied {N},000 square kilometers, including a large part of the present-day territory.",
	"The government aims to grow annual trade turnover by up to ${N} billion by {Y2}.",
	"The origins of the border line date back to the {O} century, when the empire extended its control.",
	"Around {N} million ton of rail freight crosses the border here annually.{R}{R}",
	"The fort was defended by {N}00 soldiers and {N} cannons against the advancing army.",
	"Contacts stopped after {Y}, and trade did not resume for a generation.",
	"Political elites portray cooperation with their neighbour in a positive light, which has helped public sentiment.",
	"The railway crossing between the two border towns was opened in the {Y0}s.",
	"Two years later, the treaty was ratified by both parliaments.",
	"The dynasty was founded in {N}0 BC and lasted until AD {N}5.",
	"According to the professor, the collapse presented an opportunity to regain territory it claimed.",
	"In {M} {Y} the delegation visited the capital for talks on water sharing.",
	"The museum holds {N},{N}00 objects, and {N}% of them are on display.",
	"Between {Y} and {Y2}, the population of the city doubled.",
	"He said the article did not represent the official position at all.[{N}]: {N}",
	"The region has been inhabited since the mid-{O} century.",
	"China compromised in territorial disputes in order to secure support for stability.",
	"The agreement of {M} {Y} reduced military forces along the common border.",
}

var benchmarkMonths = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

var (
	benchmarkOnce     sync.Once
	benchmarkPassages []Passage
	benchmarkBytes    int
)

// benchmarkCorpus builds about 10 MiB of passages of 3 to 8 sentences.
func benchmarkCorpus() ([]Passage, int) {
	benchmarkOnce.Do(func() {
		r := rand.New(rand.NewPCG(1, 2))
		var b strings.Builder
		for benchmarkBytes < 10<<20 {
			b.Reset()
			for n := 3 + r.IntN(6); n > 0; n-- {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(fillBenchmarkSentence(r, benchmarkSentences[r.IntN(len(benchmarkSentences))]))
			}
			benchmarkPassages = append(benchmarkPassages, Passage{
				ID:     fmt.Sprintf("bench.txt#%d", len(benchmarkPassages)+1),
				Source: "bench.txt",
				Text:   b.String(),
			})
			benchmarkBytes += b.Len()
		}
	})
	return benchmarkPassages, benchmarkBytes
}

func fillBenchmarkSentence(r *rand.Rand, tmpl string) string {
	year := 1000 + r.IntN(1030)
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		b.WriteString(tmpl[:i])
		j := strings.IndexByte(tmpl[i:], '}') + i
		switch tmpl[i+1 : j] {
		case "Y":
			b.WriteString(strconv.Itoa(year))
		case "Y2":
			b.WriteString(strconv.Itoa(year + 1 + r.IntN(40)))
		case "Y0":
			b.WriteString(strconv.Itoa(year / 10 * 10))
		case "D":
			b.WriteString(strconv.Itoa(1 + r.IntN(28)))
		case "M":
			b.WriteString(benchmarkMonths[r.IntN(12)])
		case "N":
			b.WriteString(strconv.Itoa(1 + r.IntN(99)))
		case "O":
			n := 1 + r.IntN(21)
			b.WriteString(strconv.Itoa(n) + ordinalSuffix(n))
		case "R":
			if r.IntN(2) == 0 {
				fmt.Fprintf(&b, "[%d]", 1+r.IntN(80))
			}
		}
		tmpl = tmpl[j+1:]
	}
}

// BenchmarkExtractEvents extracts the events of about 10 MiB of text per
// operation; ns/op is the time for the whole 10 MiB.
func BenchmarkExtractEvents(b *testing.B) {
	passages, size := benchmarkCorpus()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	events := 0
	for b.Loop() {
		events = len(ExtractEvents(passages))
	}
	b.ReportMetric(float64(events), "events/op")
}
