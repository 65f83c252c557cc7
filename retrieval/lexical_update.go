package retrieval

import (
	"maps"
	"slices"
	"strings"
)

// updateLexical is the BM25 postings of n passages made from old's: remap
// gives each old passage's new number, or -1 when it is gone, and must keep
// the kept passages in order; texts gives the text of each passage in fresh
// (ascending new numbers), which are analysed. The result equals NewLexical
// over all n texts (TestUpdateLexicalEqualsBuild) at a fraction of the
// cost: only the fresh texts are analysed.
func updateLexical(old *lexicalData, remap []int32, fresh []int, texts func(i int) string, n int) lexicalData {
	type posting struct {
		doc uint32
		tf  uint16
	}
	docLens := make([]uint32, n)
	for o, nw := range remap {
		if nw >= 0 {
			docLens[nw] = old.DocLens[o]
		}
	}
	added := map[string][]posting{}
	tf := map[string]int{}
	for _, i := range fresh {
		a := analyse(texts(i), tf)
		docLens[i] = uint32(a.length)
		for j, t := range a.terms {
			added[t] = append(added[t], posting{uint32(i), a.tfs[j]})
		}
	}
	newTerms := slices.Sorted(maps.Keys(added))
	d := lexicalData{
		TermEnds: make([]uint32, 0, len(old.TermEnds)+len(newTerms)),
		Offsets:  make([]uint32, 0, len(old.Offsets)+len(newTerms)),
		Docs:     make([]uint32, 0, len(old.Docs)),
		TFs:      make([]uint16, 0, len(old.TFs)),
		DocLens:  docLens,
	}
	var terms strings.Builder
	terms.Grow(len(old.Terms))
	// emit appends a term's postings: the kept ones of old term id (-1 for
	// none), merged by passage number with the added ones.
	emit := func(term string, id int, add []posting) {
		start := len(d.Docs)
		if id >= 0 {
			for k := old.Offsets[id]; k < old.Offsets[id+1]; k++ {
				nw := remap[old.Docs[k]]
				if nw < 0 {
					continue
				}
				for len(add) > 0 && add[0].doc < uint32(nw) {
					d.Docs, d.TFs = append(d.Docs, add[0].doc), append(d.TFs, add[0].tf)
					add = add[1:]
				}
				d.Docs, d.TFs = append(d.Docs, uint32(nw)), append(d.TFs, old.TFs[k])
			}
		}
		for _, p := range add {
			d.Docs, d.TFs = append(d.Docs, p.doc), append(d.TFs, p.tf)
		}
		if len(d.Docs) == start {
			return // in no passage any more
		}
		terms.WriteString(term)
		d.TermEnds = append(d.TermEnds, uint32(terms.Len()))
		d.Offsets = append(d.Offsets, uint32(start))
	}
	i, j := 0, 0
	for i < len(old.TermEnds) || j < len(newTerms) {
		switch {
		case j == len(newTerms) || i < len(old.TermEnds) && old.term(i) < newTerms[j]:
			emit(old.term(i), i, nil)
			i++
		case i == len(old.TermEnds) || newTerms[j] < old.term(i):
			emit(newTerms[j], -1, added[newTerms[j]])
			j++
		default:
			emit(old.term(i), i, added[newTerms[j]])
			i, j = i+1, j+1
		}
	}
	d.Terms = terms.String()
	d.Offsets = append(d.Offsets, uint32(len(d.Docs)))
	var termCount float64
	for _, l := range docLens {
		termCount += float64(l)
	}
	if n > 0 {
		d.AvgLen = termCount / float64(n)
	}
	return d
}
