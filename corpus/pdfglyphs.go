package corpus

import (
	"strings"

	"github.com/ledongthuc/pdf"
)

// The library's Page.Content places glyphs, but looks each glyph's font
// width up from the file again (decompressing an object stream each time:
// seconds a page), shifts widths after a ligature, and "shows" a newline at
// the end of every TJ array in the current font (TeX's encoding makes it
// an "Ω"). pageGlyphs interprets the content stream the same way with the
// fonts read once per page.

// pdfFont is what placing a font's glyphs needs.
type pdfFont struct {
	name    string
	enc     pdf.TextEncoding
	twoByte bool // a composite (Type0) font: two-byte codes
	first   int
	widths  []float64       // simple fonts: FirstChar on, in 1/1000 of the size
	cidW    map[int]float64 // composite fonts: widths by CID
	dw      float64         // composite fonts: the default width
}

// loadFont reads a font's encoding and widths. A font it cannot read
// decodes bytes as they are and has average widths.
func loadFont(f pdf.Font) (pf *pdfFont) {
	pf = &pdfFont{dw: 500}
	defer func() {
		if recover() != nil {
			pf = &pdfFont{dw: 500}
		}
	}()
	pf.name = f.BaseFont()
	if i := strings.Index(pf.name, "+"); i >= 0 {
		pf.name = pf.name[i+1:]
	}
	pf.enc = f.Encoder()
	v := f.V
	if v.Key("Subtype").Name() == "Type0" {
		pf.twoByte = true
		desc := v.Key("DescendantFonts").Index(0)
		pf.dw = 1000
		if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			pf.dw = dw.Float64()
		}
		pf.cidW = map[int]float64{}
		w := desc.Key("W")
		// CIDs are 16-bit: a larger table is damage, read up to that size.
		for i := 0; i+1 < w.Len() && len(pf.cidW) < 1<<16; {
			c := int(w.Index(i).Int64())
			next := w.Index(i + 1)
			if next.Kind() == pdf.Array {
				for j := 0; j < next.Len() && j < 1<<16; j++ {
					pf.cidW[c+j] = next.Index(j).Float64()
				}
				i += 2
				continue
			}
			if i+2 >= w.Len() {
				break
			}
			last, width := int(next.Int64()), w.Index(i+2).Float64()
			for c2 := c; c2 <= last && c2-c < 1<<16; c2++ {
				pf.cidW[c2] = width
			}
			i += 3
		}
		return pf
	}
	pf.first = int(v.Key("FirstChar").Int64())
	ws := v.Key("Widths")
	for i := 0; i < ws.Len() && i < 256; i++ {
		pf.widths = append(pf.widths, ws.Index(i).Float64())
	}
	return pf
}

func (f *pdfFont) width(code int) float64 {
	if f.twoByte {
		if w, ok := f.cidW[code]; ok {
			return w
		}
		return f.dw
	}
	if i := code - f.first; i >= 0 && i < len(f.widths) && f.widths[i] > 0 {
		return f.widths[i]
	}
	return f.dw
}

func (f *pdfFont) decode(raw string) string {
	if f.enc == nil {
		return raw
	}
	return f.enc.Decode(raw)
}

type pdfMatrix [3][3]float64

var pdfIdentity = pdfMatrix{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}

func (x pdfMatrix) mul(y pdfMatrix) pdfMatrix {
	var z pdfMatrix
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				z[i][j] += x[i][k] * y[k][j]
			}
		}
	}
	return z
}

func translate(tx, ty float64) pdfMatrix { return pdfMatrix{{1, 0, 0}, {0, 1, 0}, {tx, ty, 1}} }

type pdfState struct {
	tc, tw, th, tl, tfs, trise float64
	font                       *pdfFont
	tm, tlm, ctm               pdfMatrix
}

// pageGlyphs returns the glyphs of a page in content order, placed on the
// page. It panics on a damaged content stream, as the library does.
func pageGlyphs(p pdf.Page) []pdf.Text {
	contents := p.V.Key("Contents")
	if contents.Kind() == pdf.Null {
		return nil
	}
	res := p.Resources().Key("Font")
	fonts := map[string]*pdfFont{}
	noFont := &pdfFont{dw: 500}
	g := pdfState{th: 1, ctm: pdfIdentity, tm: pdfIdentity, tlm: pdfIdentity, font: noFont}
	var stack []pdfState
	var out []pdf.Text
	show := func(raw string) {
		f := g.font
		step := 1
		if f.twoByte {
			step = 2
		}
		for i := 0; i+step <= len(raw); i += step {
			code := int(raw[i])
			if step == 2 {
				code = code<<8 | int(raw[i+1])
			}
			w0 := f.width(code)
			trm := pdfMatrix{{g.tfs * g.th, 0, 0}, {0, g.tfs, 0}, {0, g.trise, 1}}.mul(g.tm).mul(g.ctm)
			s := f.decode(raw[i : i+step])
			out = append(out, pdf.Text{Font: f.name, FontSize: trm[0][0], X: trm[2][0], Y: trm[2][1], W: w0 / 1000 * trm[0][0], S: s})
			tx := w0/1000*g.tfs + g.tc
			if step == 1 && code == ' ' {
				tx += g.tw
			}
			g.tm = translate(tx*g.th, 0).mul(g.tm)
		}
	}
	nextLine := func() {
		g.tlm = translate(0, -g.tl).mul(g.tlm)
		g.tm = g.tlm
	}
	var args []pdf.Value
	num := func(i int) float64 {
		if i < len(args) {
			return args[i].Float64()
		}
		return 0
	}
	pdf.Interpret(contents, func(stk *pdf.Stack, op string) {
		args = args[:0]
		for n := stk.Len(); n > 0; n-- {
			args = append(args, pdf.Value{})
		}
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "cm":
			if len(args) == 6 {
				g.ctm = pdfMatrix{{num(0), num(1), 0}, {num(2), num(3), 0}, {num(4), num(5), 1}}.mul(g.ctm)
			}
		case "q":
			if len(stack) < 1024 {
				stack = append(stack, g)
			}
		case "Q":
			if n := len(stack); n > 0 {
				g, stack = stack[n-1], stack[:n-1]
			}
		case "BT":
			g.tm, g.tlm = pdfIdentity, pdfIdentity
		case "T*":
			nextLine()
		case "Tc":
			g.tc = num(0)
		case "Tw":
			g.tw = num(0)
		case "Tz":
			g.th = num(0) / 100
		case "TL":
			g.tl = num(0)
		case "Ts":
			g.trise = num(0)
		case "TD":
			g.tl = -num(1)
			fallthrough
		case "Td":
			g.tlm = translate(num(0), num(1)).mul(g.tlm)
			g.tm = g.tlm
		case "Tm":
			if len(args) == 6 {
				g.tm = pdfMatrix{{num(0), num(1), 0}, {num(2), num(3), 0}, {num(4), num(5), 1}}
				g.tlm = g.tm
			}
		case "Tf":
			if len(args) != 2 {
				return
			}
			name := args[0].Name()
			f, ok := fonts[name]
			if !ok {
				f = loadFont(pdf.Font{V: res.Key(name)})
				fonts[name] = f
			}
			g.font, g.tfs = f, num(1)
		case "\"":
			if len(args) != 3 {
				return
			}
			g.tw, g.tc = num(0), num(1)
			nextLine()
			show(args[2].RawString())
		case "'":
			if len(args) != 1 {
				return
			}
			nextLine()
			show(args[0].RawString())
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "TJ":
			if len(args) != 1 {
				return
			}
			v := args[0]
			for i := 0; i < v.Len(); i++ {
				x := v.Index(i)
				if x.Kind() == pdf.String {
					show(x.RawString())
				} else {
					g.tm = translate(-x.Float64()/1000*g.tfs*g.th, 0).mul(g.tm)
				}
			}
		}
	})
	return out
}
