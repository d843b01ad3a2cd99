// Yinqi patch (infra/launcher/ferretdb.mjs copies this file into FerretDB's handler package).

package handler

import (
	"strings"

	"github.com/FerretDB/FerretDB/internal/backends"
	"github.com/FerretDB/FerretDB/internal/handler/common"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/lazyerrors"
)

// yinqiSortToPush is the sort a find asks for, when the backend may apply it with ORDER BY: only
// top-level fields with 1 or -1.
func yinqiSortToPush(sort *types.Document) *types.Document {
	if sort.Len() == 0 {
		return nil
	}

	for _, k := range sort.Keys() {
		if strings.HasPrefix(k, "$") || strings.Contains(k, ".") {
			return nil
		}

		v, _ := sort.Get(k)
		if n, ok := v.(int64); !ok || (n != 1 && n != -1) {
			return nil
		}
	}

	return sort
}

// yinqiFindSorted returns the find parameters the handler still has to apply: without the sort when
// the backend returned the documents in that order already. The documents are then read in order
// and the handler stops reading at the limit instead of reading and sorting them all.
func yinqiFindSorted(res *backends.QueryResult, params *common.FindParams) (types.DocumentsIterator, *common.FindParams) {
	if !res.YinqiSorted {
		return res.Iter, params
	}

	p := *params
	p.Sort = nil

	return &yinqiOrderCheck{iter: res.Iter, sort: params.Sort}, &p
}

// yinqiOrderCheck passes documents through and fails the query when two consecutive documents are
// out of the order MongoDB defines. SQLite orders SQL values (NULL, numbers, text); MongoDB orders
// BSON types (null, numbers, strings, objects, arrays, booleans, dates). They agree for a field that
// holds one scalar type, which is what an indexed sort key holds; a field that mixes types or holds
// arrays is reported instead of being returned in a wrong order.
type yinqiOrderCheck struct {
	iter types.DocumentsIterator
	sort *types.Document
	prev *types.Document
}

// Next implements iterator.Interface.
func (it *yinqiOrderCheck) Next() (struct{}, *types.Document, error) {
	k, doc, err := it.iter.Next()
	if err != nil {
		return k, doc, err
	}

	if it.prev != nil {
		pair := []*types.Document{it.prev, doc}
		if err = common.SortDocuments(pair, it.sort); err != nil {
			return k, nil, lazyerrors.Error(err)
		}

		if pair[0] != it.prev {
			return k, nil, lazyerrors.Errorf(
				"sort pushdown returned documents out of order for sort %v (a sort key with mixed types or arrays?)",
				it.sort.Keys(),
			)
		}
	}

	it.prev = doc

	return k, doc, nil
}

// Close implements iterator.Interface.
func (it *yinqiOrderCheck) Close() {
	it.iter.Close()
}
