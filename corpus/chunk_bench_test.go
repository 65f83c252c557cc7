package corpus

import (
	"strings"
	"testing"
)

// Chunking a document that is one long line must cost time linear in its
// length: compare ns/op across the sizes (1 MB and 8 MB should differ by
// about 8×).
func BenchmarkPassagesSingleLine(b *testing.B) {
	const sentence = "The keeper lit the lamp at dusk and logged the weather in 1874. "
	for _, size := range []struct {
		name string
		n    int
	}{{"1MB", 1 << 20}, {"8MB", 8 << 20}} {
		for shape, unit := range map[string]string{"sentences": sentence, "nospaces": "abcdefghijklmnopqrstuvwxyz0123456789"} {
			doc := Document{Path: "one.txt", Text: strings.Repeat(unit, size.n/len(unit))}
			b.Run(shape+"/"+size.name, func(b *testing.B) {
				b.SetBytes(int64(len(doc.Text)))
				for b.Loop() {
					_ = doc.Passages()
				}
			})
		}
	}
}
