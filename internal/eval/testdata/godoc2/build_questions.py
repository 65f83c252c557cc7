#!/usr/bin/env python3
"""Write heldout.jsonl for folder g (Go std-lib docs: bufio, container/heap, sort,
sync, text/tabwriter). Each entry is tagged with its document (not written out).
Order is a fixed shuffle (seed 20261128); ids g-001... follow that order."""
import json, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
Q = []

def F(doc, question, gold, ans):
    Q.append(dict(doc=doc, kind="factoid", question=question, gold=gold, answer_any=ans))

def FU(doc, history, question, gold, ans):
    Q.append(dict(doc=doc, kind="followup", question=question, gold=gold, answer_any=ans, history=history))

def U(doc, question):
    Q.append(dict(doc=doc, kind="unanswerable", question=question, gold=[], answer_any=[]))

# ---------------- bufio.txt ----------------
B = "bufio.txt"
F(B, "how do i read a file line by line",
  ["Scanner provides a convenient interface for reading data such as a file"], ["Scanner"])
F(B, "What's the default split function of a new Scanner?",
  ["The split function defaults to ScanLines."], ["ScanLines"])
F(B, "what's the value of MaxScanTokenSize",
  ["const MaxScanTokenSize = 64 * 1024"], ["64 * 1024"])
F(B, "Does the line splitter cope with Windows-style \\r\\n endings?",
  ["one optional carriage return followed by one mandatory newline"], ["optional carriage return", r"\r?\n"])
F(B, "If the final line of my input lacks a trailing newline, will the scanner still hand it back?",
  ["last non-empty line of input will be returned"], ["even if it has no newline"])
F(B, "can ScanWords ever produce a blank token",
  ["It will never return an empty string."], ["never"])
F(B, "Peeking more bytes than the buffer can hold gives which error?",
  ["The error is ErrBufferFull if n is larger than b's buffer size."], ["ErrBufferFull"])
F(B, "what happens with ReadLine when a line doesn't fit in the buffer",
  ["too long for the buffer then isPrefix is set"], ["isPrefix"])
F(B, "Once Scan gives back false, how do I find out whether something went wrong?",
  ["the Scanner.Err method will return any error that occurred during scanning"], ["Scanner.Err"])
F(B, "after one failed write, does a bufio.Writer keep taking data",
  ["no more data will be accepted and all subsequent writes"], ["no more data will be accepted"])
F(B, "How long can I hang on to the slice from AvailableBuffer?",
  ["The buffer is only valid until the next write operation on b."], ["until the next write operation"])
F(B, "is an uninitialised bufio.Reader usable",
  ["zero value of a Reader may be used after calling [Reset]"], ["Reset"])
F(B, "Why does UnreadByte refuse to work right after I call Peek?",
  ["Calling Peek prevents a Reader.UnreadByte or Reader.UnreadRune call from succeeding"], ["until the next read operation"])
F(B, "which error do I get when a line is too big for the scanner",
  ["bufio.Scanner: token too long"], ["ErrTooLong"])
F(B, "How can my custom split function end the scan early without it counting as a failure?",
  ["indicate that the scanning should stop with no error"], ["ErrFinalToken"])
F(B, "If n is no more than what's already buffered, can Discard still fail?",
  ["Discard is guaranteed to succeed without reading from the underlying io.Reader"], ["guaranteed to succeed"])
F(B, "what happens if you Reset a Reader onto itself",
  ["(that is, resetting a Reader to itself) does nothing"], ["does nothing"])
FU(B, ["What's the default split function of a new Scanner?"],
   "and can I swap it out once scanning is underway?",
   ["Split panics if it is called after scanning has started."], ["panics"])
FU(B, ["Does ReadString include the delimiter in what it returns?"],
   "what if it hits end of file before finding one",
   ["it returns the data read before the error and the error itself"], ["io.EOF"])
FU(B, ["What do I have to do after writing everything with a bufio.Writer?"],
   "ok and what does that method actually do?",
   ["Flush writes any buffered data to the underlying io.Writer."], ["writes any buffered data"])
U(B, "what's the default buffer size for bufio.NewReader in bytes")
U(B, "Is it safe to share a single bufio.Scanner between several goroutines?")
U(B, "What does ScanRunes produce when it hits malformed UTF-8?")
U(B, "does the slice returned by Scanner.Bytes get overwritten on the next Scan")
U(B, "If I call Reset on a bufio.Writer, is the data I haven't flushed yet thrown away?")
U(B, "Which Go release introduced Writer.AvailableBuffer?")

# ---------------- sync.txt ----------------
S = "sync.txt"
F(S, "Is sync.Map safe to copy?",
  ["A Map must not be copied after first use."], ["must not be copied"])
F(S, "should I just reach for sync.Map instead of an ordinary map plus a mutex",
  ["Most code should use a plain Go map instead"], ["plain Go map"])
F(S, "In which situations does sync.Map pay off?",
  ["only ever written once but read many times", "entries for disjoint sets of keys"],
  ["caches that only grow", "disjoint sets of keys"])
F(S, "sync.Map load store delete cost",
  ["Loads, stores, and deletes run in amortized constant time."], ["amortized constant time"])
F(S, "Does iterating with Range give me a consistent snapshot of the map?",
  ["Range does not necessarily correspond to any consistent snapshot"], ["not necessarily"])
F(S, "how do I tell if LoadOrStore actually saved my value or returned an existing one",
  ["loaded result is true if the value was loaded, false if stored"], ["false if stored"])
F(S, "what happens if I unlock a mutex nobody holds",
  ["It is a run-time error if m is not locked"], ["run-time error"])
F(S, "Can one goroutine lock a Mutex and a different goroutine release it?",
  ["A locked Mutex is not associated with a particular goroutine."], ["not associated with a particular goroutine"])
F(S, "If the function I pass to once.Do panics, will the next Do call retry it?",
  ["future calls of Do return without calling f"], ["without calling f"])
F(S, "what happens if f inside once.Do calls Do again",
  ["if f causes Do to be called, it will deadlock"], ["deadlock"])
F(S, "What is sync.Pool meant for?",
  ["cache allocated but unused items for later reuse"], ["relieving pressure on the garbage collector"])
F(S, "Get on an empty Pool that has New set — what comes back?",
  ["Get returns the result of calling p.New"], ["p.New"])
F(S, "Can I turn a read lock into a write lock on an RWMutex?",
  ["A RWMutex.RLock cannot be upgraded into a RWMutex.Lock"], ["cannot be upgraded"])
F(S, "where should wg.Add go — inside the goroutine or before I launch it?",
  ["the calls to Add should execute before the statement creating the goroutine"], ["before the statement creating the goroutine"])
F(S, "Will Cond.Wait ever wake up by itself without a Signal or Broadcast?",
  ["Wait cannot return unless awoken by Cond.Broadcast or Cond.Signal"], ["cannot return unless awoken"])
F(S, "how come I have to call Wait inside a loop",
  ["cannot assume that the condition is true when Wait returns"], ["in a loop"])
F(S, "which sync types are meant for ordinary code rather than low-level libraries",
  ["Other than the Once and WaitGroup types"], ["Once", "WaitGroup"])
F(S, "OnceFunc and a panicking f: what do later calls do?",
  ["the returned function will panic with the same value on every call"], ["panic with the same value"])
FU(S, ["Is sync.Map safe to copy?"],
   "what about a Mutex?",
   ["A Mutex must not be copied after first use."], ["must not be copied"])
FU(S, ["what happens when WaitGroup's counter drops below zero"],
   "And when it hits zero?",
   ["If the counter becomes zero, all goroutines blocked on WaitGroup.Wait are released."], ["released"])
FU(S, ["can items in a Pool just vanish"],
   "is it ok for lots of goroutines to use one at the same time",
   ["A Pool is safe for use by multiple goroutines simultaneously."], ["safe for use by multiple goroutines"])
U(S, "how do I get the number of entries stored in a sync.Map")
U(S, "What does sync.OnceValues hand back when f returns an error?")
U(S, "Which Go version added WaitGroup.Go?")
U(S, "How many garbage collection cycles does an object survive inside a sync.Pool?")
U(S, "is sync.Mutex fair — does it guard against starvation of waiting goroutines")
U(S, "What does Map.CompareAndDelete return when the key isn't present?")

# ---------------- sort.txt ----------------
T = "sort.txt"
F(T, "does sort.Slice keep equal items in their original order?",
  ["equal elements may be reversed from their original order"], ["not guaranteed to be stable", "SliceStable"])
F(T, "What does sort.Search give back when no element satisfies the predicate?",
  ["If there is no such index, Search returns n."], ["Search returns n"])
F(T, "after Search, how do I check whether 23 is really in the slice",
  ["it must test data[i] == 23 separately"], ["separately"])
F(T, "Using Search on a slice in descending order — what changes?",
  ["would use the <= operator instead of the >= operator"], ["<="])
F(T, "SearchInts value missing return",
  ["the index to insert x if x is not present"], ["index to insert x"])
F(T, "where do NaNs land when I sort a []float64",
  ["Not-a-number (NaN) values are ordered before other values."], ["before other values"])
F(T, "What does sort.Ints delegate to nowadays?",
  ["as of Go 1.22, this function simply calls slices.Sort"], ["slices.Sort", "Go 1.22"])
F(T, "How many times does sort.Sort call Len?",
  ["It makes one call to data.Len to determine n"], ["one call"])
F(T, "what should I use instead of sort.Slice these days",
  ["the newer slices.SortFunc function is more ergonomic and runs faster"], ["slices.SortFunc"])
F(T, "What if I hand sort.Slice something that isn't a slice?",
  ["It panics if x is not a slice."], ["panics"])
F(T, "If Less returns false in both directions for two items, how are they treated?",
  ["then the elements at index i and j are considered equal"], ["considered equal"])
F(T, "if Less(a, b) and Less(b, c) both hold, what must Less(a, c) be",
  ["then Less(i, k) must be true as well"], ["must be true as well"])
F(T, "Why can't I just use < on float64s in my Less method?",
  ["is not a strict weak ordering when not-a-number (NaN) values are involved"], ["NaN"])
F(T, "how do i sort in reverse / descending order",
  ["Reverse returns the reverse order for data."], ["Reverse"])
F(T, "what does sort.Find return if there's no matching index",
  ["If there is no such index i, Find returns i = n."], ["i = n"])
F(T, "Does StringSlice sort ascending or descending?",
  ["StringSlice attaches the methods of Interface to []string, sorting in increasing order."], ["increasing order"])
FU(T, ["What does sort.Search give back when no element satisfies the predicate?"],
   "so it's not -1 like strings.Index?",
   ['the "not found" return value is not -1'], ["not -1"])
FU(T, ["How many times does sort.Stable call Less?"],
   "and Swap?",
   ["and O(n*log(n)*log(n)) calls to data.Swap"], ["O(n*log(n)*log(n))"])
U(T, "What algorithm does sort.Sort use under the hood — quicksort, heapsort?")
U(T, "is there a sort.Int64s function")
U(T, "How much faster is slices.SortFunc compared with sort.Slice?")
U(T, "Does sort.Strings compare strings case-insensitively?")
U(T, "what does SearchFloat64s return when x is missing")
U(T, "In which Go release will sort.Slice be removed?")

# ---------------- heap.txt ----------------
H = "heap.txt"
F(H, "what does Fix do in heap",
  ["re-establishes the heap ordering after the element at index i"], ["re-establishes the heap ordering"])
F(H, "Why bother with Fix rather than removing the item and pushing it again?",
  ["equivalent to, but less expensive than, calling Remove(h, i)"], ["less expensive"])
F(H, "where does the smallest element live in the heap",
  ["The minimum element in the tree is the root, at index 0."], ["index 0"])
F(H, "heap.Init time complexity",
  ["The complexity is O(n) where n = h.Len()."], ["O(n)"])
F(H, "Is it harmful to call heap.Init more than once?",
  ["Init is idempotent with respect to the heap invariants"], ["idempotent"])
F(H, "how do i make a priority queue with container/heap",
  ["implement the Heap interface with the (negative) priority as the ordering"], ["(negative) priority"])
F(H, "heap.Pop is the same as Remove with which index?",
  ["Pop is equivalent to Remove(h, 0)."], ["Remove(h, 0)"])
F(H, "should I call my type's own Push method directly to add things?",
  ["from the heap, use heap.Push and heap.Pop", "are for package heap's implementation to call"], ["heap.Push"])
F(H, "is container/heap a min-heap or a max-heap",
  ["may be used as a min-heap with the following invariants"], ["min-heap"])
F(H, "At what index should my Push method put the new element?",
  ["Push(x any) // add x as element Len()"], ["Len()"])
FU(H, ["heap.Init time complexity"],
   "and for pushing?",
   ["Push pushes the element x onto the heap.", "The complexity is O(log n) where n = h.Len()."], ["O(log n)"])
U(H, "Is container/heap safe to use from multiple goroutines at once?")
U(H, "does heap.Pop panic if the heap is empty")
U(H, "Which Go version first shipped container/heap?")

# ---------------- tabwriter.txt ----------------
W = "tabwriter.txt"
F(W, "What algorithm is tabwriter based on?",
  ["The package is using the Elastic Tabstops algorithm"], ["Elastic Tabstops"])
F(W, "is text/tabwriter still getting new features",
  ["is frozen and is not accepting new features"], ["frozen"])
F(W, "how do I right-align columns",
  ["Force right-alignment of cell content. Default is left-alignment."], ["AlignRight"])
F(W, "flag to drop empty columns",
  ["Handle empty columns as if they were not present in the input in the first place."], ["DiscardEmptyColumns"])
F(W, "How come the escape character is 0xff?",
  ["because it cannot appear in a valid UTF-8 sequence"], ["valid UTF-8 sequence"])
F(W, "what characters end a cell in tabwriter",
  [r"cells terminated by horizontal ('\t') or vertical ('\v') tabs"], [r"horizontal ('\t') or vertical ('\v') tabs"])
F(W, "Why does the tabwriter hold on to my input instead of writing it out right away?",
  ["spacing of one line may depend on the cells in future lines"], ["future lines"])
F(W, "do formfeed characters show up in the output",
  ["formfeed characters appear as newlines in the output"], ["as newlines"])
F(W, "what does the minwidth parameter mean",
  ["minimal cell width including any padding"], ["minimal cell width"])
F(W, "What kinds of errors can tabwriter's Write return?",
  ["errors returned are ones encountered while writing to the underlying output stream"], ["underlying output stream"])
F(W, "With HTML filtering on, how wide does the tabwriter count a tag?",
  ["assumed to be zero (tags) and one (entities)"], ["zero"])
F(W, "Does DiscardEmptyColumns touch columns ended with hard tabs?",
  ['terminated by horizontal (or "hard") tabs are not affected'], ["not affected"])
FU(W, ["how do I right-align columns"],
   "what's the default then?",
   ["Force right-alignment of cell content. Default is left-alignment."], ["left-alignment"])
FU(W, ["Do I have to call Flush with tabwriter?"],
   "what happens to a half-finished escape sequence when I call it",
   ["incomplete escape sequence at the end is considered complete"], ["considered complete"])
U(W, "What padchar does tabwriter use if I don't specify one?")
U(W, "is there a flag to center cells in tabwriter")
U(W, "Which Go release froze the text/tabwriter package?")
U(W, "Can several goroutines write to the same tabwriter.Writer concurrently?")
U(W, "what's the largest minwidth value tabwriter allows")

if __name__ == "__main__":
    rng = random.Random(20261128)
    order = list(range(len(Q)))
    rng.shuffle(order)
    with open(os.path.join(HERE, "heldout.jsonl"), "w", encoding="utf-8") as fh:
        for n, i in enumerate(order, 1):
            q = Q[i]
            out = {"id": f"g-{n:03d}", "kind": q["kind"], "question": q["question"],
                   "gold": q["gold"], "answer_any": q["answer_any"]}
            if q["kind"] == "followup":
                out["history"] = q["history"]
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")
    from collections import Counter
    print(len(Q), Counter(q["kind"] for q in Q), Counter(q["doc"] for q in Q))
