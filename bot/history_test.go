package bot

import (
	"fmt"
	"strings"
	"testing"

	"github.com/citebot/citebot/internal/answer"
)

func TestConversations(t *testing.T) {
	c := newConversations(3, 2)
	turns := []answer.Turn{{Question: "q1", Answer: "a1"}, {Question: "q2", Answer: "a2"}, {Question: "q3", Answer: strings.Repeat("x", 5000)}}
	c.put(turns, "m1", "m2")
	got, ok := c.get("m2")
	if !ok || len(got) != 2 || got[0].Question != "q2" || len([]rune(got[1].Answer)) != maxTurnRunes {
		t.Fatalf("get = %+v, %v; want the last 2 turns, answers cut", got, ok)
	}
	got[0].Question = "changed"
	if again, _ := c.get("m2"); again[0].Question != "q2" {
		t.Error("get returned shared storage")
	}

	c.get("m1") // m1 is now the most recent
	for i := 0; i < 2; i++ {
		c.put(nil, fmt.Sprint("k", i))
	}
	if _, ok := c.get("m2"); ok {
		t.Error("least recently used key kept past the bound")
	}
	if _, ok := c.get("m1"); !ok {
		t.Error("recently used key forgotten")
	}
}

func TestTurnFromReply(t *testing.T) {
	turn := turnFromReply("The answer [1].\n\n**Sources**\n1. `x#1` — x: “q”\n-# Answered by extractive")
	if turn.Answer != "The answer [1]." || turn.Question != "" {
		t.Errorf("turnFromReply = %+v", turn)
	}
}
