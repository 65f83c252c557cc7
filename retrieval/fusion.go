package retrieval

import "sort"

// Fusion merges a vector ranking and a lexical ranking (each best first)
// into one ranking, best first.
type Fusion func(vector, lexical []scored) []scored

// DefaultFusion is reciprocal rank fusion; see RRF for why.
var DefaultFusion Fusion = RRF

// rrfK is the usual RRF constant: it damps the difference between the very
// top ranks so that neither ranking alone decides.
const rrfK = 60

// RRF fuses by reciprocal rank, sum of 1/(60+rank) over the rankings. It
// needs no score calibration between cosine similarities and BM25 scores,
// which live on unrelated scales and shift with corpus size.
func RRF(vector, lexical []scored) []scored {
	acc := map[int]float64{}
	for r, s := range vector {
		acc[s.doc] += 1 / float64(rrfK+r+1)
	}
	for r, s := range lexical {
		acc[s.doc] += 1 / float64(rrfK+r+1)
	}
	return sortScores(acc)
}

// ScoreFusion returns a fusion of max-normalised scores, weight for the
// lexical side and 1-weight for the vector side.
func ScoreFusion(weight float64) Fusion {
	return func(vector, lexical []scored) []scored {
		acc := map[int]float64{}
		addNormalised(acc, vector, 1-weight)
		addNormalised(acc, lexical, weight)
		return sortScores(acc)
	}
}

func addNormalised(acc map[int]float64, list []scored, w float64) {
	if len(list) == 0 || list[0].score <= 0 {
		return
	}
	top := list[0].score
	for _, s := range list {
		if s.score > 0 {
			acc[s.doc] += w * s.score / top
		}
	}
}

func sortScores(acc map[int]float64) []scored {
	out := make([]scored, 0, len(acc))
	for doc, s := range acc {
		out = append(out, scored{doc, s})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return out[i].doc < out[j].doc
	})
	return out
}
