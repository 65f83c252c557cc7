package corpus

import (
	"fmt"
	"strings"
	"testing"
)

// benchDocs are about 1 MB of each format, shaped like documentation:
// sections of paragraphs, a list, a table and a code block.
func benchDocs() map[string][]byte {
	var md, page, txt strings.Builder
	md.WriteString("---\ntitle: Bench\n---\n# Bench\n\n")
	page.WriteString("<html><head><title>Bench</title></head><body><nav><a href=/>Home</a></nav><main>")
	var pdfPages [][]string
	for i := 0; md.Len() < 1<<20; i++ {
		para := fmt.Sprintf("Section %d describes how the TF-%d thermometer is checked against the reference bath, who signs the record, and what happens when a reading drifts by more than the tolerance agreed in the contract.", i, i)
		fmt.Fprintf(&md, "## Section %d\n\n%s\n\n%s\n\nSteps:\n\n- Clean the probe.\n- Check the bath.\n- Sign the record.\n\n| Model | Interval |\n|---|---|\n| TF-%d | %d months |\n| TF-%d | %d months |\n\n```sh\ncalibrate --probe TF-%d\n```\n\n", i, para, para, i, i%24+1, i+1, i%12+1, i)
		fmt.Fprintf(&page, "<h2 id=s%d>Section %d</h2><p>%s</p><p>%s</p><p>Steps:</p><ul><li>Clean the probe.</li><li>Check the bath.</li></ul><table><tr><th>Model</th><th>Interval</th></tr><tr><td>TF-%d</td><td>%d months</td></tr></table><pre>calibrate --probe TF-%d</pre>", i, i, para, para, i, i%24+1, i)
		fmt.Fprintf(&txt, "Section %d\n\n%s\n\n%s\n\n", i, para, para)
		if i%4 == 0 {
			pdfPages = append(pdfPages, nil)
		}
		last := &pdfPages[len(pdfPages)-1]
		*last = append(*last, fmt.Sprintf("Section %d", i), "", para[:len(para)/2]+"-", para[len(para)/2:], "")
	}
	page.WriteString("</main><footer>footer</footer></body></html>")
	return map[string][]byte{"md": []byte(md.String()), "html": []byte(page.String()), "txt": []byte(txt.String()), "pdf": testPDF("Bench", "", pdfPages...)}
}

// BenchmarkFormats measures reading each format into passages, in MB/s of
// the file (for a PDF, text extraction and chunking).
func BenchmarkFormats(b *testing.B) {
	docs := benchDocs()
	for _, name := range []string{"txt", "md", "html", "pdf"} {
		data := docs[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				d := Document{Path: "bench." + name, Text: string(data)}
				if name == "pdf" {
					_, text, _, skip := extractPDF(data)
					if skip != "" {
						b.Fatal(skip)
					}
					d.Text = text
				}
				if len(d.Passages()) == 0 {
					b.Fatal("no passages")
				}
			}
		})
	}
}
