#!/usr/bin/env python3
"""Validate the hand-marked PolNeAR contradiction gold (stdlib only).

Usage: python check_gold.py [--data DIR]   (DIR contains attribution/PolNeAR; default $CLAIMDIFF_DATA or /work/shared/data)
"""
import argparse, collections, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
PACK = os.path.join(HERE, '..', '..', 'packs', 'us_election_2016.yaml')
SIDES = {'democrats', 'republicans', 'third', None}
OPPOSING = {frozenset(('democrats', 'republicans'))}
LABELS = {'contradiction', 'compatible'}
TYPES = {'denial', 'blame', 'numbers', 'event', 'other'}


def read_jsonl(name):
    with open(os.path.join(HERE, name), encoding='utf-8') as f:
        return [json.loads(l) for l in f if l.strip()]


def pack_actor_sides(path):
    """Minimal parse of the pack's flow-style actor lines: id -> side."""
    out = {}
    if not os.path.exists(path):
        return out
    for m in re.finditer(r'\{id:\s*([A-Z]+\.[A-Z0-9_]+),[^}]*?side:\s*(\w+)', open(path, encoding='utf-8').read(), re.S):
        out[m.group(1)] = m.group(2)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=os.environ.get('CLAIMDIFF_DATA', '/work/shared/data'))
    args = ap.parse_args()
    root = os.path.join(args.data, 'attribution', 'PolNeAR', 'data')
    assert os.path.isdir(root), f'PolNeAR data not found under {root}'

    arts = read_jsonl('articles.jsonl')
    stms = read_jsonl('statements.jsonl')
    pairs = read_jsonl('pairs.jsonl')
    actors = pack_actor_sides(PACK)

    # articles
    ids = [a['id'] for a in arts]
    assert len(ids) == len(set(ids)), 'duplicate article ids'
    story = {}
    texts = {}
    for a in arts:
        assert a['source'] == f"dev/text/{a['id']}.txt", a
        p = os.path.join(root, a['source'])
        assert os.path.isfile(p), f'missing article {p}'
        texts[a['id']] = open(p, encoding='utf-8').read()
        story[a['id']] = a['story']

    # statements
    sids = [s['id'] for s in stms]
    assert len(sids) == len(set(sids)), 'duplicate statement ids'
    S = {}
    for s in stms:
        d = s['doc_id']
        assert d in texts, f"{s['id']}: unknown doc {d}"
        assert s['id'].startswith(d + '#'), s['id']
        t = texts[d]
        assert 0 <= s['start'] < s['end'] <= len(t), s['id']
        # PolNeAR text is not redistributed: content is read from the offsets, never stored here.
        assert 'content' not in s, f"{s['id']}: content must not be stored (PolNeAR text has no licence)"
        assert 0 <= s['start'] < s['end'] <= len(t), f"{s['id']}: offsets outside the text"
        assert s['side'] in SIDES, s['id']
        assert s['polarity'] in ('asserts', 'denies'), s['id']
        assert isinstance(s['hedged'], bool), s['id']
        if s['actor'] is not None and actors:
            assert s['actor'] in actors, f"{s['id']}: actor {s['actor']} not in pack"
            assert actors[s['actor']] == s['side'], f"{s['id']}: actor side mismatch"
        if s['polnear']:
            ann, eid = s['polnear'].rsplit(':', 1)
            annp = os.path.join(root, 'dev', 'attributions', ann + '.ann')
            assert os.path.isfile(annp), f"{s['id']}: missing {annp}"
            assert any(l.startswith(eid + '\t') for l in open(annp, encoding='utf-8')), f"{s['id']}: {eid} not in {ann}"
        S[s['id']] = s

    # pairs
    seen = set()
    by_label, by_type, by_scope = collections.Counter(), collections.Counter(), collections.Counter()
    by_story = collections.Counter()
    for p in pairs:
        a, b = p['a'], p['b']
        assert a in S and b in S, f'pair refers to unknown statement: {p}'
        assert a != b, p
        key = frozenset((a, b))
        assert key not in seen, f'duplicate pair {p}'
        seen.add(key)
        assert p['label'] in LABELS and p['type'] in TYPES, p
        assert p.get('note'), p
        sa, sb = S[a], S[b]
        assert story[sa['doc_id']] == story[sb['doc_id']], f'pair across stories: {p}'
        if p['label'] == 'contradiction':
            assert frozenset((sa['side'], sb['side'])) in OPPOSING, f'contradiction not between opposing camps: {p}'
        else:
            assert sa['side'] != sb['side'] and frozenset((sa['side'], sb['side'])) in OPPOSING, f'compatible pair not across camps: {p}'
        scope = 'within' if sa['doc_id'] == sb['doc_id'] else 'across'
        by_label[p['label']] += 1
        by_type[(p['label'], p['type'])] += 1
        by_scope[(p['label'], scope)] += 1
        by_story[story[sa['doc_id']]] += 1

    used = {x for p in pairs for x in (p['a'], p['b'])}
    print(f'articles: {len(arts)}  stories: {len(set(story.values()))}  statements: {len(stms)} '
          f'(in pairs: {len(used & set(S))})  pairs: {len(pairs)}')
    print('by label:', dict(by_label))
    print('by label/type:', {f'{l}/{t}': n for (l, t), n in sorted(by_type.items())})
    print('by label/scope:', {f'{l}/{s}': n for (l, s), n in sorted(by_scope.items())})
    print('pairs by story:', dict(sorted(by_story.items())))
    print('OK')


if __name__ == '__main__':
    sys.exit(main())
