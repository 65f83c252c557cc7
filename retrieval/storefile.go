package retrieval

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"unsafe"
)

// The stored vectors and BM25 postings are flat little-endian arrays behind
// a short header, so that loading them is one read and, on little-endian
// machines (all that Go's usual targets are), no decoding at all: the bytes
// read are the arrays searched. Measured at 100k passages
// (BenchmarkLoadStored, BenchmarkFeedChromem): see docs/scaling.md.

// File magics; the last digits follow FormatVersion.
const (
	vectorsMagic = "CBVEC003"
	lexicalMagic = "CBLEX003"
)

// littleEndian reports whether this machine stores numbers as the files do.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// encodeVectors lays out count vectors of dim float32s: a header, then
// the vectors, on little-endian machines vecs' own memory, not a copy.
func encodeVectors(vecs []float32, dim int) [][]byte {
	count := 0
	if dim > 0 {
		count = len(vecs) / dim
	}
	head := []byte(vectorsMagic)
	head = binary.LittleEndian.AppendUint32(head, uint32(dim))
	head = binary.LittleEndian.AppendUint32(head, uint32(count))
	if littleEndian {
		return [][]byte{head, bytesOf(vecs)}
	}
	body := make([]byte, 0, 4*len(vecs))
	for _, v := range vecs {
		body = binary.LittleEndian.AppendUint32(body, math.Float32bits(v))
	}
	return [][]byte{head, body}
}

// decodeVectors returns the vectors of a vectors file and their dimension;
// on little-endian machines they share data's memory.
func decodeVectors(data []byte) ([]float32, int, error) {
	if len(data) < 16 || string(data[:8]) != vectorsMagic {
		return nil, 0, errors.New("not a vectors file")
	}
	dim := int(binary.LittleEndian.Uint32(data[8:]))
	count := int(binary.LittleEndian.Uint32(data[12:]))
	body := data[16:]
	if dim == 0 || uint64(len(body)) != 4*uint64(dim)*uint64(count) {
		return nil, 0, fmt.Errorf("%d bytes of vectors for %d×%d", len(body), count, dim)
	}
	return u32sAs[float32](body, dim*count), dim, nil
}

// encodeLexical lays out the text and title postings, as parts to write
// one after another; on little-endian machines the arrays are the index's
// own memory, not copies.
func encodeLexical(fields ...lexicalData) [][]byte {
	parts := [][]byte{[]byte(lexicalMagic)}
	for _, d := range fields {
		var head []byte
		head = binary.LittleEndian.AppendUint32(head, uint32(len(d.TermEnds)))
		head = binary.LittleEndian.AppendUint32(head, uint32(len(d.Terms)))
		head = binary.LittleEndian.AppendUint32(head, uint32(len(d.Docs)))
		head = binary.LittleEndian.AppendUint32(head, uint32(len(d.DocLens)))
		head = binary.LittleEndian.AppendUint64(head, math.Float64bits(d.AvgLen))
		parts = append(parts, head)
		for _, a := range [][]uint32{d.TermEnds, d.Offsets, d.Docs, d.DocLens} {
			parts = append(parts, u32Bytes(a))
		}
		tfs := make([]byte, 0, 2*len(d.TFs)+2)
		if littleEndian && len(d.TFs) > 0 {
			parts = append(parts, unsafe.Slice((*byte)(unsafe.Pointer(&d.TFs[0])), 2*len(d.TFs)))
		} else {
			for _, tf := range d.TFs {
				tfs = binary.LittleEndian.AppendUint16(tfs, tf)
			}
		}
		parts = append(parts, tfs[:len(tfs)+padding(2*len(d.TFs))])
		parts = append(parts, []byte(d.Terms), make([]byte, padding(len(d.Terms))))
	}
	return parts
}

// padding is how many zero bytes bring n to a multiple of 4.
func padding(n int) int { return (4 - n%4) % 4 }

// decodeLexical reads n fields of postings; on little-endian machines the
// arrays and terms share data's memory, which must not change afterwards.
func decodeLexical(data []byte, n int) ([]lexicalData, error) {
	if len(data) < 8 || string(data[:8]) != lexicalMagic {
		return nil, errors.New("not a lexical file")
	}
	r := reader{data: data, off: 8}
	out := make([]lexicalData, n)
	for i := range out {
		terms, termBytes := r.u32(), r.u32()
		postings, docs := r.u32(), r.u32()
		d := lexicalData{AvgLen: math.Float64frombits(r.u64())}
		d.TermEnds = r.u32s(terms)
		d.Offsets = r.u32s(terms + 1)
		d.Docs = r.u32s(postings)
		d.DocLens = r.u32s(docs)
		d.TFs = r.u16s(postings)
		d.Terms = r.str(termBytes)
		if r.err != nil {
			return nil, r.err
		}
		out[i] = d
	}
	if r.off != len(data) {
		return nil, errors.New("trailing bytes")
	}
	return out, nil
}

// u32Bytes is a's little-endian bytes: a's own memory on little-endian
// machines.
func u32Bytes(a []uint32) []byte {
	if littleEndian {
		return bytesOf(a)
	}
	out := make([]byte, 0, 4*len(a))
	for _, v := range a {
		out = binary.LittleEndian.AppendUint32(out, v)
	}
	return out
}

// reader takes sections off a stored file, each starting 4-byte aligned.
type reader struct {
	data []byte
	off  int
	err  error
}

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.data)-r.off {
		r.err = errors.New("truncated")
		return nil
	}
	b := r.data[r.off : r.off+n]
	r.off += (n + 3) &^ 3
	r.off = min(r.off, len(r.data))
	return b
}

func (r *reader) u32() int {
	b := r.take(4)
	if b == nil {
		return 0
	}
	return int(binary.LittleEndian.Uint32(b))
}

func (r *reader) u64() uint64 {
	b := r.take(8)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint64(b)
}

func (r *reader) u32s(n int) []uint32 {
	b := r.take(4 * n)
	if b == nil {
		return nil
	}
	return u32sAs[uint32](b, n)
}

func (r *reader) u16s(n int) []uint16 {
	b := r.take(2 * n)
	if b == nil {
		return nil
	}
	if littleEndian && n > 0 {
		return unsafe.Slice((*uint16)(unsafe.Pointer(&b[0])), n)
	}
	out := make([]uint16, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return out
}

func (r *reader) str(n int) string {
	b := r.take(n)
	if n == 0 || b == nil {
		return ""
	}
	if littleEndian {
		return unsafe.String(&b[0], n)
	}
	return string(b)
}

// u32sAs views n little-endian 32-bit values in b as a slice of T (uint32
// or float32) without copying when the machine is little-endian and b is
// aligned, else decodes a copy.
func u32sAs[T uint32 | float32](b []byte, n int) []T {
	if n == 0 {
		return []T{}
	}
	if littleEndian && uintptr(unsafe.Pointer(&b[0]))%4 == 0 {
		return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), n)
	}
	out := make([]T, n)
	for i := range out {
		v := binary.LittleEndian.Uint32(b[4*i:])
		*(*uint32)(unsafe.Pointer(&out[i])) = v
	}
	return out
}

// bytesOf views a slice of 32-bit values as its bytes.
func bytesOf[T uint32 | float32](a []T) []byte {
	if len(a) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&a[0])), 4*len(a))
}
