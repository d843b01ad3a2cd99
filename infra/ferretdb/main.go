// Command yinqi-ferretdb runs an embedded FerretDB 1.24 on its SQLite backend for local
// development and CI. It exists because `go install .../cmd/ferretdb@v1.24.2` builds a binary
// that panics at start-up (it wants a version file the module does not ship); the embeddable
// package has no such need.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on (loopback only by default)")
	dataDir := flag.String("data", ".data/ferretdb", "directory holding the SQLite files")
	// WAL (FerretDB's default) with synchronous=NORMAL: a commit no longer waits for an fsync;
	// the database stays consistent, and a power cut may lose the last commits — fine for the
	// local and CI store this is; production runs MongoDB.
	pragmas := flag.String("sqlite-pragmas", "_pragma=synchronous(normal)", "extra SQLite URI parameters")
	// error: at warn it logs every "no such command: endSessions" the MongoDB drivers send.
	logLevel := flag.String("log-level", "error", "debug, info, warn or error")
	flag.Parse()

	abs, err := filepath.Abs(*dataDir)
	if err != nil {
		fail("resolve data directory: %v", err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		fail("create data directory %s: %v", abs, err)
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail("bad -log-level %q: %v", *logLevel, err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	// Telemetry is disabled by the embeddable package itself (state.DisableTelemetry).
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/?" + *pragmas,
	})
	if err != nil {
		fail("start FerretDB: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	fmt.Fprintf(os.Stderr, "FerretDB listening at %s (data in %s)\n", f.MongoDBURI(), abs)
	if err := f.Run(ctx); err != nil {
		fail("FerretDB stopped: %v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "yinqi-ferretdb: "+format+"\n", args...)
	os.Exit(1)
}
