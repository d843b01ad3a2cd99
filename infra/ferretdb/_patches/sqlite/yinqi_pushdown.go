// Yinqi patch (infra/launcher/ferretdb.mjs copies this file into FerretDB's SQLite backend package).

package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/FerretDB/FerretDB/internal/backends"
	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/handler/sjson"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/fsql"
	"github.com/FerretDB/FerretDB/internal/util/iterator"
)

// Filter pushdown. Upstream FerretDB 1.24 hands SQLite a condition only for a filter that is exactly
// {_id: <string>}; every other query reads and decodes the whole collection and filters in Go.
// yinqiWhere turns the parts of a filter it understands into SQL conditions on the same
// expressions the collection's indexes are built on (metadata.YinqiFieldExpr), so SQLite answers
// them from an index. The handler still applies the whole filter to what comes back, so the SQL
// may select more documents than match (a superset), never fewer:
//   - a field that holds an array matches {f: v} when an element equals v, which SQL cannot see.
//     For a field that leads an index, one index probe tells whether any document holds an array
//     there (its ->> value is JSON text starting with '['); only then are those rows added to the
//     condition (an OR, which costs the index order). An unindexed field always adds them.
//   - each comparison also checks the value's type in the document's sjson schema, because SQL
//     compares across types differently (true is 1; a date is its milliseconds);
//   - operators it does not understand ($ne, $nin, $exists, $regex, $elemMatch, nested paths, …)
//     add no condition, and make the result inexact.
// When every part of the filter was translated exactly, the SQL selects exactly the matching
// documents, and a count is answered by SQL COUNT(*) without decoding a document.

const yinqiMaxDepth = 8

// yinqiFilter translates one filter for one collection.
type yinqiFilter struct {
	// arrays tells whether a field may hold an array in some document.
	arrays func(field string) bool
	// exact stays true while every part of the filter is translated exactly.
	exact bool
}

// yinqiWhere returns a WHERE clause (with its leading space) and its arguments, or "" for a scan,
// and whether the clause selects exactly the documents the filter matches.
func yinqiWhere(filter *types.Document, arrays func(string) bool) (string, []any, bool) {
	f := &yinqiFilter{arrays: arrays, exact: true}

	conds, args := f.conds(filter, 0)
	if len(conds) == 0 {
		return "", nil, filter.Len() == 0
	}

	return " WHERE " + strings.Join(conds, " AND "), args, f.exact
}

// yinqiArraysProbe returns the array check for a query on one table: for a field that leads an
// index, whether any document holds an array there (one index probe, remembered for the query);
// for any other field, true (assumed).
func yinqiArraysProbe(ctx context.Context, db *fsql.DB, meta *metadata.Collection) func(string) bool {
	seen := map[string]bool{}

	return func(field string) bool {
		if v, ok := seen[field]; ok {
			return v
		}

		indexed := false

		for _, idx := range meta.Settings.Indexes {
			if len(idx.Key) > 0 && idx.Key[0].Field == field {
				indexed = true
				break
			}
		}

		has := true

		if indexed {
			e := metadata.YinqiFieldExpr(field)
			q := fmt.Sprintf(`SELECT 1 FROM %q WHERE %s >= '[' AND %s < '\' LIMIT 1`, meta.TableName, e, e)

			var one int

			switch err := db.QueryRowContext(ctx, q).Scan(&one); {
			case errors.Is(err, sql.ErrNoRows):
				has = false
			case err != nil:
				has = true
			}
		}

		seen[field] = has

		return has
	}
}

// conds returns the conditions of one filter document, to be joined with AND.
func (f *yinqiFilter) conds(filter *types.Document, depth int) ([]string, []any) {
	if filter.Len() == 0 {
		return nil, nil
	}

	if depth > yinqiMaxDepth {
		f.exact = false
		return nil, nil
	}

	var conds []string
	var args []any

	for _, kv := range yinqiPairs(filter) {
		var c string
		var a []any

		switch {
		case kv.k == "$and":
			c, a = f.and(kv.v, depth)
		case kv.k == "$or":
			c, a = f.or(kv.v, depth)
		case kv.k == "_id":
			c, a = f.id(kv.v)
		case metadata.YinqiPushable(kv.k):
			c, a = f.field(kv.k, kv.v)
		default:
			f.exact = false
		}

		if c != "" {
			conds = append(conds, c)
			args = append(args, a...)
		}
	}

	return conds, args
}

type yinqiPair struct {
	k string
	v any
}

// yinqiPairs lists a document's fields in order, duplicates included.
func yinqiPairs(d *types.Document) []yinqiPair {
	var out []yinqiPair

	it := d.Iterator()
	defer it.Close()

	for {
		k, v, err := it.Next()
		if err != nil {
			if !errors.Is(err, iterator.ErrIteratorDone) {
				return nil
			}

			return out
		}

		out = append(out, yinqiPair{k, v})
	}
}

func yinqiBranches(v any) []*types.Document {
	arr, ok := v.(*types.Array)
	if !ok || arr.Len() == 0 {
		return nil
	}

	out := make([]*types.Document, 0, arr.Len())

	for i := 0; i < arr.Len(); i++ {
		e, _ := arr.Get(i)

		d, ok := e.(*types.Document)
		if !ok {
			return nil
		}

		out = append(out, d)
	}

	return out
}

func (f *yinqiFilter) and(v any, depth int) (string, []any) {
	branches := yinqiBranches(v)
	if branches == nil {
		f.exact = false
		return "", nil
	}

	var conds []string
	var args []any

	for _, b := range branches {
		c, a := f.conds(b, depth+1)
		conds = append(conds, c...)
		args = append(args, a...)
	}

	if len(conds) == 0 {
		return "", nil
	}

	return "(" + strings.Join(conds, " AND ") + ")", args
}

// or narrows only when every branch narrows: a branch without a condition matches anything.
func (f *yinqiFilter) or(v any, depth int) (string, []any) {
	branches := yinqiBranches(v)
	if branches == nil {
		f.exact = false
		return "", nil
	}

	var conds []string
	var args []any

	for _, b := range branches {
		c, a := f.conds(b, depth+1)
		if len(c) == 0 {
			f.exact = false
			return "", nil
		}

		conds = append(conds, "("+strings.Join(c, " AND ")+")")
		args = append(args, a...)
	}

	return "(" + strings.Join(conds, " OR ") + ")", args
}

// yinqiIDArg is an _id value as FerretDB's unique _id index stores it (its JSON text), with its type.
func yinqiIDArg(v any) (any, string, bool) {
	var t string

	switch v.(type) {
	case string:
		t = "string"
	case types.ObjectID:
		t = "objectId"
	default:
		return nil, "", false
	}

	b, err := sjson.MarshalSingleValue(v)
	if err != nil {
		return nil, "", false
	}

	return string(b), t, true
}

// id compares _id on its unique index (an _id is never an array).
func (f *yinqiFilter) id(v any) (string, []any) {
	typed := func(cond string, ts []string) string {
		return "(" + cond + " AND " + metadata.YinqiTypeExpr("_id") + " IN ('" + strings.Join(ts, "', '") + "'))"
	}

	if a, t, ok := yinqiIDArg(v); ok {
		return typed(metadata.IDColumn+" = ?", []string{t}), []any{a}
	}

	ops, ok := v.(*types.Document)
	if !ok || ops.Len() == 0 || !strings.HasPrefix(ops.Keys()[0], "$") {
		f.exact = false
		return "", nil
	}

	var conds []string
	var args []any

	for _, kv := range yinqiPairs(ops) {
		switch kv.k {
		case "$eq":
			if a, t, ok := yinqiIDArg(kv.v); ok {
				conds = append(conds, typed(metadata.IDColumn+" = ?", []string{t}))
				args = append(args, a)
				continue
			}
		case "$in":
			if arr, ok := kv.v.(*types.Array); ok && arr.Len() > 0 {
				in := make([]any, 0, arr.Len())
				ts := map[string]bool{}

				for i := 0; i < arr.Len(); i++ {
					e, _ := arr.Get(i)

					a, t, ok := yinqiIDArg(e)
					if !ok {
						in = nil
						break
					}

					in = append(in, a)
					ts[t] = true
				}

				if len(in) > 0 {
					conds = append(conds, typed(metadata.IDColumn+" IN ("+yinqiPlaceholders(len(in))+")", yinqiKeys(ts)))
					args = append(args, in...)

					continue
				}
			}
		}

		f.exact = false
	}

	if len(conds) == 0 {
		return "", nil
	}

	return strings.Join(conds, " AND "), args
}

func yinqiPlaceholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func yinqiKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}

	slices.Sort(out)

	return out
}

// yinqiScalar is a filter value as SQL compares it with the field expression, and the sjson types
// that compare equal to it in MongoDB; ok is false for values SQL cannot compare (documents,
// arrays, regular expressions, NaN, …).
func yinqiScalar(v any) (any, []string, bool) {
	numbers := []string{"double", "int", "long"}

	switch v := v.(type) {
	case string:
		return v, []string{"string"}, true
	case int32:
		return int64(v), numbers, true
	case int64:
		return v, numbers, true
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, nil, false
		}

		return v, numbers, true
	case bool:
		if v {
			return int64(1), []string{"bool"}, true
		}

		return int64(0), []string{"bool"}, true
	case time.Time:
		return v.UnixMilli(), []string{"date"}, true
	case types.ObjectID:
		b, err := sjson.MarshalSingleValue(v)
		if err != nil {
			return nil, nil, false
		}

		return strings.Trim(string(b), `"`), []string{"objectId"}, true
	}

	return nil, nil, false
}

// field is the condition for one top-level field.
func (f *yinqiFilter) field(name string, v any) (string, []any) {
	expr := metadata.YinqiFieldExpr(name)

	var conds []string
	var args []any

	if ops, ok := v.(*types.Document); ok && ops.Len() > 0 && strings.HasPrefix(ops.Keys()[0], "$") {
		for _, kv := range yinqiPairs(ops) {
			c, a := f.operator(name, expr, kv.k, kv.v)
			if c == "" {
				f.exact = false
				continue
			}

			conds = append(conds, c)
			args = append(args, a...)
		}
	} else if _, isNull := v.(types.NullType); isNull {
		conds = append(conds, expr+" IS NULL")
	} else if a, ts, ok := yinqiScalar(v); ok {
		conds = append(conds, f.typed(name, expr+" = ?", ts))
		args = append(args, a)
	} else {
		f.exact = false
	}

	if len(conds) == 0 {
		return "", nil
	}

	scalar := strings.Join(conds, " AND ")

	if !f.arrays(name) {
		return scalar, args
	}

	f.exact = false
	array := expr + " >= '[' AND " + expr + " < '\\'"

	return "((" + scalar + ") OR (" + array + "))", args
}

// typed adds the check that the field holds one of the BSON types the comparison is meant for.
func (f *yinqiFilter) typed(name, cond string, ts []string) string {
	return "(" + cond + " AND " + metadata.YinqiTypeExpr(name) + " IN ('" + strings.Join(ts, "', '") + "'))"
}

func (f *yinqiFilter) operator(name, expr, op string, v any) (string, []any) {
	switch op {
	case "$eq":
		if _, isNull := v.(types.NullType); isNull {
			return expr + " IS NULL", nil
		}

		if a, ts, ok := yinqiScalar(v); ok {
			return f.typed(name, expr+" = ?", ts), []any{a}
		}
	case "$gt", "$gte", "$lt", "$lte":
		if _, isBool := v.(bool); isBool {
			return "", nil
		}

		if a, ts, ok := yinqiScalar(v); ok {
			sqlOp := map[string]string{"$gt": ">", "$gte": ">=", "$lt": "<", "$lte": "<="}[op]
			return f.typed(name, expr+" "+sqlOp+" ?", ts), []any{a}
		}
	case "$in":
		arr, ok := v.(*types.Array)
		if !ok || arr.Len() == 0 {
			return "", nil
		}

		var in []any
		var null bool

		ts := map[string]bool{}

		for i := 0; i < arr.Len(); i++ {
			e, _ := arr.Get(i)
			if _, isNull := e.(types.NullType); isNull {
				null = true
				continue
			}

			a, tt, ok := yinqiScalar(e)
			if !ok {
				return "", nil
			}

			in = append(in, a)

			for _, t := range tt {
				ts[t] = true
			}
		}

		var parts []string
		if len(in) > 0 {
			parts = append(parts, f.typed(name, expr+" IN ("+yinqiPlaceholders(len(in))+")", yinqiKeys(ts)))
		}

		if null {
			parts = append(parts, expr+" IS NULL")
		}

		return "(" + strings.Join(parts, " OR ") + ")", in
	}

	return "", nil
}

// yinqiOrderBy is the ORDER BY clause for a sort on top-level fields, or "" when the handler must
// sort. MongoDB puts null and missing values first in ascending order, as SQLite puts NULL.
func yinqiOrderBy(sort *types.Document) string {
	if sort.Len() == 0 {
		return ""
	}

	terms := make([]string, 0, sort.Len())

	for _, kv := range yinqiPairs(sort) {
		var expr string

		switch {
		case kv.k == "_id":
			expr = metadata.IDColumn
		case metadata.YinqiPushable(kv.k):
			expr = metadata.YinqiFieldExpr(kv.k)
		default:
			return ""
		}

		switch kv.v {
		case int64(1):
			terms = append(terms, expr)
		case int64(-1):
			terms = append(terms, expr+" DESC")
		default:
			return ""
		}
	}

	return " ORDER BY " + strings.Join(terms, ", ")
}

// yinqiQueryOrder is the ORDER BY for a query and whether it applies the caller's YinqiSort.
func yinqiQueryOrder(params *backends.QueryParams, capped bool) (string, bool) {
	if params.Sort.Len() != 0 || capped {
		return prepareOrderByClause(params.Sort), false
	}

	if ob := yinqiOrderBy(params.YinqiSort); ob != "" {
		return ob, true
	}

	return "", false
}

// yinqiCountQuery answers a count with SQL COUNT(*) when the WHERE clause is exact; otherwise it
// returns an empty result without YinqiCounted, and the handler counts as upstream does.
func yinqiCountQuery(ctx context.Context, db *fsql.DB, meta *metadata.Collection, where string, args []any, exact bool) (*backends.QueryResult, error) { //nolint:lll // for readability
	res := &backends.QueryResult{Iter: newQueryIterator(ctx, nil, false)}
	if !exact {
		return res, nil
	}

	var n int64
	if err := db.QueryRowContext(ctx, fmt.Sprintf(`SELECT COUNT(*) FROM %q%s`, meta.TableName, where), args...).Scan(&n); err != nil {
		return nil, err
	}

	res.YinqiCounted = true
	res.YinqiCount = n

	return res, nil
}

// yinqiLimit is a LIMIT clause for a find's limit when SQL selects exactly the matching documents
// in the requested order (or none was requested); otherwise the handler applies the limit.
func yinqiLimit(params *backends.QueryParams, exact, sorted bool, args *[]any) string {
	if params.Limit != 0 || params.YinqiLimit <= 0 || !exact || (params.YinqiSort.Len() != 0 && !sorted) || params.Sort.Len() != 0 {
		return ""
	}

	*args = append(*args, params.YinqiLimit)

	return ` LIMIT ?`
}
