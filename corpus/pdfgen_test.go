package corpus

import (
	"bytes"
	"fmt"
	"strings"
)

// testPDF builds a small PDF for tests: one page per element of pages, each
// line set in 11-point Helvetica, an empty line leaving a paragraph gap. A
// page whose first line is "%raw" is given as its content stream. trailer
// is added to the trailer dictionary (an /Encrypt entry, say).
func testPDF(title, trailer string, pages ...[]string) []byte {
	return buildTestPDF(title, trailer, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>", "", pages...)
}

// buildTestPDF is testPDF with the font dictionary given, and one more
// stream object (a ToUnicode CMap, say) that the font dictionary refers to
// as "EXTRA".
func buildTestPDF(title, trailer, font, extra string, pages ...[]string) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n")
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 5+2*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)))
	obj(strings.ReplaceAll(font, "EXTRA", fmt.Sprintf("%d 0 R", 5+2*len(pages))))
	obj(fmt.Sprintf("<< /Title (%s) >>", pdfEscape(title)))
	for i, lines := range pages {
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 6+2*i))
		var c strings.Builder
		if len(lines) > 0 && lines[0] == "%raw" {
			c.WriteString(strings.Join(lines[1:], "\n"))
		} else {
			c.WriteString("BT /F1 11 Tf 14 TL 72 740 Td\n")
			for _, l := range lines {
				if l != "" {
					fmt.Fprintf(&c, "(%s) Tj ", pdfEscape(l))
				}
				c.WriteString("T*\n")
			}
			c.WriteString("ET")
		}
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", c.Len(), c.String()))
	}
	if extra != "" {
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(extra), extra))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, trailer, xref)
	return b.Bytes()
}

func pdfEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(s)
}

// encryptedTrailer marks a test PDF as encrypted with AES-256, which needs a
// password citebot does not have.
const encryptedTrailer = "/Encrypt << /Filter /Standard /V 5 /R 6 /Length 256 /O (0123456789012345678901234567890123456789012345) /U (0123456789012345678901234567890123456789012345) /P -4 >>"

// reportPDF is a three-page report: a title page, a page with a paragraph
// hyphenated across lines, and a page number to leave out.
func reportPDF() []byte {
	return testPDF("Survey Report 2023", "",
		[]string{"Survey Report 2023", "", "Prepared by the field team for the board.", "", "1"},
		[]string{"Findings", "", "The TF-300 thermometers drifted by 0.2 degrees between recali-", "brations, within the tolerance agreed in the contract.", "", "- 2 -"},
		[]string{"Next steps", "", "New probes will be ordered in May."},
	)
}
