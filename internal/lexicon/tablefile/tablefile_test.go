package tablefile

import (
	"errors"
	"fmt"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	var lines []string
	for i := range 500 {
		lines = append(lines, fmt.Sprintf("key%04d\tvalue %d", i, i))
	}
	for _, size := range []int{1, 100, 1 << 20} {
		data, err := Encode(lines, size)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Open(data)
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range lines {
			got, ok, err := f.Lookup(fmt.Sprintf("key%04d", i))
			if !ok || err != nil || got != want {
				t.Fatalf("chunk size %d: Lookup = %q, %v, %v; want %q", size, got, ok, err, want)
			}
		}
		for _, absent := range []string{"", "a", "key", "key0000x", "key9999", "zzz"} {
			if got, ok, err := f.Lookup(absent); ok || err != nil {
				t.Errorf("Lookup(%q) = %q, %v, %v", absent, got, ok, err)
			}
		}
		for prefix, want := range map[string]bool{"": true, "k": true, "key01": true, "key0499": true, "key0499\t": false, "key05": false, "a": false, "z": false} {
			if got, err := f.HasPrefix(prefix); got != want || err != nil {
				t.Errorf("chunk size %d: HasPrefix(%q) = %v, %v; want %v", size, prefix, got, err, want)
			}
		}
		n := 0
		if err := f.Each(func(string) { n++ }); err != nil || n != len(lines) {
			t.Errorf("Each saw %d lines, %v", n, err)
		}
	}
}

func TestEncodeRejectsUnsortedKeys(t *testing.T) {
	for _, lines := range [][]string{{"b\t1", "a\t2"}, {"a\t1", "a\t2"}, {"a\tx\ny"}} {
		if _, err := Encode(lines, 10); err == nil {
			t.Errorf("Encode(%q) succeeded", lines)
		}
	}
}

func TestOpenRejectsCorruptFiles(t *testing.T) {
	good, err := Encode([]string{"a\t1", "b\t2", "c\t3"}, 4)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]byte{nil, []byte("nonsense"), good[:len(magic)+1], good[:len(good)/2]} {
		if _, err := Open(bad); !errors.Is(err, ErrCorrupt) {
			t.Errorf("Open(%q) = %v, want ErrCorrupt", bad, err)
		}
	}
	// A damaged chunk is found when it is first read.
	damaged := append([]byte(nil), good...)
	damaged[len(damaged)-2] ^= 0xff
	f, err := Open(damaged)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Each(func(string) {}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Each over a damaged chunk = %v, want ErrCorrupt", err)
	}
}

func FuzzOpen(f *testing.F) {
	good, _ := Encode([]string{"a\t1", "b\t2", "c\t3"}, 4)
	f.Add(good)
	f.Fuzz(func(t *testing.T, data []byte) {
		tf, err := Open(data)
		if err != nil {
			return
		}
		tf.Lookup("b")
		tf.Each(func(string) {})
	})
}
