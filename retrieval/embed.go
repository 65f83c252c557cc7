// Package retrieval finds the passages that answer a question: it embeds
// passages into a persisted chromem-go collection, keeps a BM25 lexical index
// beside it, and fuses both rankings.
package retrieval

import (
	"context"

	"github.com/philippgille/chromem-go"
)

// EmbeddingFunc returns the embedding of one text. It has the shape of
// chromem.EmbeddingFunc; vectors must be L2-normalised.
type EmbeddingFunc func(ctx context.Context, text string) ([]float32, error)

// BatchEmbeddingFunc returns the embeddings of several texts, in order. Remote
// embedders provide it so that indexing sends few, large requests.
type BatchEmbeddingFunc func(ctx context.Context, texts []string) ([][]float32, error)

// Embedder is a named embedding model. ID goes into the index manifest, so a
// different ID (provider, model or version) makes the stored index rebuild.
type Embedder struct {
	ID    string
	Embed EmbeddingFunc
	// Batch is optional; without it, indexing calls Embed once per passage.
	Batch BatchEmbeddingFunc
}

var _ chromem.EmbeddingFunc = chromem.EmbeddingFunc(EmbeddingFunc(nil))
