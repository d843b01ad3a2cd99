// Yinqi patch (infra/launcher/ferretdb.mjs copies this file into FerretDB's handler package).

package handler

import "sync"

// yinqiCollectionLocks holds one mutex per database (one SQLite file).
//
// FerretDB 1.24 runs update, findAndModify and delete as read (query and filter in Go), decide
// (apply the update operators in Go), write (replace the whole document). Two such commands on one
// document at once both read the old version and the second write loses the first's change
// (measured: 200 concurrent $inc on one document left n = 92). Holding this lock from the read to
// the write makes each command atomic for every client of this server, which is what MongoDB
// promises for a single document. The lock is per database, not per collection: SQLite lets one
// writer at a time into a database file anyway, and writers that meet inside SQLite wait in its busy
// handler, which sleeps 1, 2, 5, 10 … 100 ms between tries; queued on a Go mutex they go on at once.
// Inserts take it too, for the same reason.
var yinqiCollectionLocks sync.Map

// yinqiLockCollection takes the write lock of the collection's database and returns the function that releases it.
func yinqiLockCollection(db, _ string) func() {
	m, _ := yinqiCollectionLocks.LoadOrStore(db, new(sync.Mutex))
	mu := m.(*sync.Mutex)
	mu.Lock()

	return mu.Unlock
}
