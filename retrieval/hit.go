package retrieval

import "github.com/citebot/citebot/corpus"

// Hit is one retrieved passage with its fused relevance score (higher is better).
type Hit struct {
	corpus.Passage
	Score float64
}
