package corpus

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlPassages chunks an HTML page: the text of <main> (else its
// <article>s, else <body>), headings as sections, lists and tables as in
// Markdown, <pre> as code. Scripts, styles, navigation, headers and footers
// are left out. <title> is the title and <link rel="canonical"> the page's
// address. The page is parsed as a browser would; one that is not
// well-formed is read all the same, with a warning.
func htmlPassages(d Document, warn func(string)) []Passage {
	if problem := htmlProblem(d.Text); problem != "" {
		warn("HTML is not well-formed (" + problem + "); read as a browser would")
	}
	root, err := html.Parse(strings.NewReader(d.Text))
	if err != nil { // only a reader's error, which a string reader never gives
		warn("HTML could not be read: " + err.Error())
		return nil
	}
	title, canonical := htmlHead(root)
	pageURL := d.URL
	if canonical != "" {
		if u := resolveURL(d.URL, canonical); u != "" {
			pageURL = u
		}
	}
	content := htmlContent(root)
	if title == "" {
		if h1 := findFirst(content, atom.H1); h1 != nil {
			title = collapse(nodeText([]*html.Node{h1}))
		}
	}
	if title == "" {
		title = Document{Path: d.Path, Text: collapse(nodeText(content))}.plainTitle()
	}
	w := htmlWalker{b: newBuilder(d.Path, capTitle(title), pageURL)}
	for _, n := range content {
		w.walk(n)
	}
	w.flush()
	return w.b.finish()
}

// droppedElements are never read: code, styling, and the parts of a page
// every page repeats.
var droppedElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Nav: true, atom.Header: true, atom.Footer: true,
	atom.Noscript: true, atom.Template: true, atom.Head: true, atom.Svg: true, atom.Iframe: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true,
}

// blockElements end the paragraph being gathered.
var blockElements = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Details: true,
	atom.Dialog: true, atom.Dd: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Form: true, atom.Hr: true, atom.Li: true,
	atom.Main: true, atom.P: true, atom.Section: true, atom.Summary: true, atom.Hgroup: true,
	atom.Body: true, atom.Html: true, atom.Caption: true,
}

// htmlHead returns the page's <title> and canonical link.
func htmlHead(root *html.Node) (title, canonical string) {
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Title:
			if title == "" {
				title = collapse(nodeText([]*html.Node{n}))
			}
		case atom.Link:
			if canonical == "" && hasWord(attr(n, "rel"), "canonical") {
				canonical = attr(n, "href")
			}
		case atom.Body:
			return title, canonical
		}
	}
	return title, canonical
}

// htmlContent is what is read of a page: its <main>, else its <article>s,
// else its <body>.
func htmlContent(root *html.Node) []*html.Node {
	if m := findFirst([]*html.Node{root}, atom.Main); m != nil {
		return []*html.Node{m}
	}
	var articles []*html.Node
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.Article && !insideAtom(n, atom.Article) {
			articles = append(articles, n)
		}
	}
	if len(articles) > 0 {
		return articles
	}
	if b := findFirst([]*html.Node{root}, atom.Body); b != nil {
		return []*html.Node{b}
	}
	return []*html.Node{root}
}

func insideAtom(n *html.Node, a atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == a {
			return true
		}
	}
	return false
}

func findFirst(roots []*html.Node, a atom.Atom) *html.Node {
	for _, r := range roots {
		for n := range r.Descendants() {
			if n.Type == html.ElementNode && n.DataAtom == a {
				return n
			}
		}
	}
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

func hasWord(list, word string) bool {
	for _, w := range strings.Fields(list) {
		if strings.EqualFold(w, word) {
			return true
		}
	}
	return false
}

// htmlWalker gathers a page's blocks into a builder.
type htmlWalker struct {
	b    *builder
	para strings.Builder
}

func (w *htmlWalker) flush() {
	var lines []string
	for _, l := range strings.Split(w.para.String(), "\n") {
		if l = collapse(l); l != "" {
			lines = append(lines, l)
		}
	}
	w.para.Reset()
	if len(lines) > 0 {
		w.b.paragraph(strings.Join(lines, "\n"))
	}
}

func (w *htmlWalker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.para.WriteString(n.Data)
		return
	case html.ElementNode:
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c)
		}
		return
	}
	if droppedElements[n.DataAtom] || hasAttr(n, "hidden") || attr(n, "aria-hidden") == "true" {
		return
	}
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		w.flush()
		level := int(n.Data[1] - '0')
		w.b.heading(level, collapse(nodeText([]*html.Node{n})), headingAnchor(n))
	case atom.Ul, atom.Ol:
		w.flush()
		items := listItems(n, 0)
		w.b.list(strings.Join(items, "\n"), items)
	case atom.Table:
		w.flush()
		if header, sep, rows := htmlTable(n); header != "" {
			w.b.table(header, sep, rows)
		}
	case atom.Pre:
		w.flush()
		code := strings.Trim(nodeRawText(n), "\n")
		fence := "```"
		for strings.Contains(code, fence) {
			fence += "`"
		}
		w.b.code(fence + "\n" + code + "\n" + fence)
	case atom.Br:
		w.para.WriteByte('\n')
	case atom.Img:
	default:
		block := blockElements[n.DataAtom]
		if block {
			w.flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c)
		}
		if block {
			w.flush()
		} else {
			w.para.WriteByte(' ')
		}
	}
}

// headingAnchor is a heading's id, or that of an anchor inside it.
func headingAnchor(h *html.Node) string {
	if id := attr(h, "id"); id != "" {
		return id
	}
	for n := range h.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			if id := attr(n, "id"); id != "" {
				return id
			}
			if name := attr(n, "name"); name != "" {
				return name
			}
		}
	}
	return ""
}

// listItems renders a list as Markdown list lines, nested lists indented.
func listItems(list *html.Node, depth int) []string {
	var out []string
	num := 1
	if s, err := strconv.Atoi(attr(list, "start")); err == nil {
		num = s
	}
	for li := list.FirstChild; li != nil; li = li.NextSibling {
		if li.Type != html.ElementNode || li.DataAtom != atom.Li {
			continue
		}
		marker := "- "
		if list.DataAtom == atom.Ol {
			marker = strconv.Itoa(num) + ". "
			num++
		}
		var own []*html.Node
		var nested []string
		for c := li.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.Ul || c.DataAtom == atom.Ol) {
				nested = append(nested, listItems(c, depth+1)...)
				continue
			}
			own = append(own, c)
		}
		item := strings.Repeat("  ", depth) + marker + collapse(nodeText(own))
		if len(nested) > 0 {
			item += "\n" + strings.Join(nested, "\n")
		}
		out = append(out, item)
	}
	return out
}

// htmlTable renders a table as Markdown table text. The header is the
// first row (the one in <thead>, or of <th> cells, if any).
func htmlTable(t *html.Node) (header, sep string, rows []string) {
	var all [][]string
	headerAt := -1
	for tr := range t.Descendants() {
		if tr.Type != html.ElementNode || tr.DataAtom != atom.Tr || nearestTable(tr) != t {
			continue
		}
		var cells []string
		allTh := true
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
				cells = append(cells, strings.ReplaceAll(collapse(nodeText([]*html.Node{c})), "|", `\|`))
				allTh = allTh && c.DataAtom == atom.Th
			}
		}
		if len(cells) == 0 {
			continue
		}
		if headerAt < 0 && (allTh || insideAtom(tr, atom.Thead)) {
			headerAt = len(all)
		}
		all = append(all, cells)
	}
	if len(all) == 0 {
		return "", "", nil
	}
	if headerAt < 0 {
		headerAt = 0
	}
	width := 0
	for _, r := range all {
		width = max(width, len(r))
	}
	row := func(cells []string) string {
		for len(cells) < width {
			cells = append(cells, "")
		}
		return "| " + strings.Join(cells, " | ") + " |"
	}
	header = row(all[headerAt])
	sep = "|" + strings.Repeat("---|", width)
	for i, r := range all {
		if i != headerAt {
			rows = append(rows, row(r))
		}
	}
	return header, sep, rows
}

func nearestTable(n *html.Node) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.Table {
			return p
		}
	}
	return nil
}

// nodeText is the text of nodes, dropped elements left out, block
// elements separated by spaces.
func nodeText(nodes []*html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if droppedElements[n.DataAtom] {
				return
			}
			if n.DataAtom == atom.Br || blockElements[n.DataAtom] {
				b.WriteByte(' ')
			}
			fallthrough
		default:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return b.String()
}

// nodeRawText is the text of a <pre>, whitespace kept.
func nodeRawText(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// collapse joins runs of white space into single spaces.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// htmlFragmentText is the text of an HTML fragment (a Markdown HTML block),
// comments, scripts and styles left out.
func htmlFragmentText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return collapse(b.String())
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			if a := atom.Lookup(name); a == atom.Script || a == atom.Style {
				skip++
			}
			b.WriteByte(' ')
		case html.EndTagToken:
			name, _ := z.TagName()
			if a := atom.Lookup(name); (a == atom.Script || a == atom.Style) && skip > 0 {
				skip--
			}
			b.WriteByte(' ')
		}
	}
}

// voidElements have no end tag; optionalEnd ones may leave it out.
var (
	voidElements = map[atom.Atom]bool{
		atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true,
		atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true, atom.Source: true,
		atom.Track: true, atom.Wbr: true, atom.Param: true,
	}
	optionalEnd = map[atom.Atom]bool{
		atom.P: true, atom.Li: true, atom.Dt: true, atom.Dd: true, atom.Tr: true, atom.Td: true,
		atom.Th: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true, atom.Option: true,
		atom.Optgroup: true, atom.Rt: true, atom.Rp: true, atom.Colgroup: true, atom.Caption: true,
		atom.Html: true, atom.Head: true, atom.Body: true,
	}
)

// htmlProblem returns the first way the page is not well-formed — an end
// tag that closes another element, a stray end tag, an element never
// closed — or "" when there is none. Optional end tags (</p>, </li>, …) may
// be left out, as HTML allows.
func htmlProblem(src string) string {
	type open struct {
		a    atom.Atom
		name string
		line int
	}
	z := html.NewTokenizer(strings.NewReader(src))
	var stack []open
	line := 1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				return fmt.Sprintf("unreadable at line %d", line)
			}
			break
		}
		tokenLine := line
		line += strings.Count(string(z.Raw()), "\n")
		switch tt {
		case html.StartTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if !voidElements[a] {
				stack = append(stack, open{a, string(name), tokenLine})
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if voidElements[a] {
				continue
			}
			i := len(stack) - 1
			for i >= 0 && stack[i].name != string(name) {
				i--
			}
			if i < 0 {
				return fmt.Sprintf("stray </%s> at line %d", name, tokenLine)
			}
			for _, o := range stack[i+1:] {
				if !optionalEnd[o.a] {
					return fmt.Sprintf("</%s> at line %d closes <%s> of line %d", name, tokenLine, o.name, o.line)
				}
			}
			stack = stack[:i]
		}
	}
	for _, o := range stack {
		if !optionalEnd[o.a] {
			return fmt.Sprintf("<%s> at line %d is never closed", o.name, o.line)
		}
	}
	return ""
}
