// Package feedback stores what people think of citebot's answers: every
// answer given (abstentions are the unanswered questions), and the 👍/👎
// votes on them, in an SQLite database, and reports what a documents owner
// should fix.
package feedback

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
)

// FileName is the database's name in the data folder.
const FileName = "feedback.sqlite"

// Answer is one answer given, as recorded.
type Answer struct {
	// ID identifies the answer: the id of the question's message or
	// interaction, which the vote buttons carry.
	ID        string
	Question  string
	Text      string
	Citations []string
	Backend   string
	Abstained bool
	GuildID   string
	ChannelID string
	At        time.Time
}

// Vote is one user's opinion of an answer: Up true for 👍, false for 👎.
type Vote struct {
	AnswerID  string
	UserID    string
	Up        bool
	GuildID   string
	ChannelID string
	At        time.Time
}

// Store is a feedback database. Its methods are safe for concurrent use.
type Store struct {
	db *sql.DB
}

// Open opens (creating when needed) the database at path and brings its
// schema to the current version.
func Open(ctx context.Context, path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("feedback: create folder: %w", err)
	}
	dsn := "file:" + filepath.ToSlash(path) + "?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("feedback: open %s: %w", path, err)
	}
	// One connection: SQLite serialises writers anyway, and one connection
	// keeps the pragmas and avoids "database is locked" within a process.
	db.SetMaxOpenConns(1)
	s := &Store{db: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("feedback: %s: %w", path, err)
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// migrations bring the schema from version i to i+1; the version is kept
// in SQLite's user_version.
var migrations = []string{
	`CREATE TABLE answers (
		id TEXT PRIMARY KEY,
		question TEXT NOT NULL,
		answer TEXT NOT NULL,
		citations TEXT NOT NULL,
		backend TEXT NOT NULL,
		abstained INTEGER NOT NULL,
		guild_id TEXT NOT NULL,
		channel_id TEXT NOT NULL,
		at INTEGER NOT NULL
	);
	CREATE INDEX answers_at ON answers(at);
	CREATE TABLE votes (
		answer_id TEXT NOT NULL,
		user_id TEXT NOT NULL,
		up INTEGER NOT NULL,
		guild_id TEXT NOT NULL,
		channel_id TEXT NOT NULL,
		at INTEGER NOT NULL,
		PRIMARY KEY (answer_id, user_id)
	);
	CREATE INDEX votes_at ON votes(at);`,
}

// SchemaVersion is the schema version this package writes.
var SchemaVersion = len(migrations)

// ErrNewerSchema is returned by Open for a database written by a newer citebot.
var ErrNewerSchema = errors.New("the feedback database was written by a newer citebot")

func (s *Store) migrate(ctx context.Context) error {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("schema version %d, this citebot knows %d: %w", version, len(migrations), ErrNewerSchema)
	}
	for v := version; v < len(migrations); v++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migrate to version %d: %w", v+1, err)
		}
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate to version %d: %w", v+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate to version %d: %w", v+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migrate to version %d: %w", v+1, err)
		}
	}
	return nil
}

// RecordAnswer stores an answer; recording the same id again replaces it.
func (s *Store) RecordAnswer(ctx context.Context, a Answer) error {
	cites := a.Citations
	if cites == nil {
		cites = []string{}
	}
	citations, err := json.Marshal(cites)
	if err != nil {
		return fmt.Errorf("feedback: record answer: %w", err)
	}
	_, err = s.db.ExecContext(ctx, `INSERT OR REPLACE INTO answers
		(id, question, answer, citations, backend, abstained, guild_id, channel_id, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.Question, a.Text, string(citations), a.Backend, a.Abstained, a.GuildID, a.ChannelID, a.At.UnixMilli())
	if err != nil {
		return fmt.Errorf("feedback: record answer: %w", err)
	}
	return nil
}

// RecordVote stores a vote; a user's later vote on the same answer
// replaces the earlier one.
func (s *Store) RecordVote(ctx context.Context, v Vote) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO votes (answer_id, user_id, up, guild_id, channel_id, at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (answer_id, user_id) DO UPDATE SET up = excluded.up, at = excluded.at`,
		v.AnswerID, v.UserID, v.Up, v.GuildID, v.ChannelID, v.At.UnixMilli())
	if err != nil {
		return fmt.Errorf("feedback: record vote: %w", err)
	}
	return nil
}

// normalQuestion folds a question for counting repeats: lower case,
// single spaces, no trailing punctuation.
func normalQuestion(q string) string {
	return strings.TrimRight(strings.ToLower(strings.Join(strings.Fields(q), " ")), "?!. ")
}
