#!/usr/bin/env python3
"""Builds seed/japan-map.json, the prefecture outlines of the coverage maps, from the npm package
@svg-maps/japan 2.0.0 (CC BY 4.0, Victor Cazanave; `npm pack @svg-maps/japan`, then pass its index.js).

The source's paths are already projected to a 438 x 516 box. This keeps every prefecture's outline, turns its
relative "m ... z" paths into absolute rings, rounds points to 0.1 and drops points closer than 0.3 to the line
through their neighbours (Douglas-Peucker), and keys each prefecture by its JIS code (seed/prefectures.csv).
Usage: scripts/japan-map.py path/to/package/index.js > seed/japan-map.json
"""
import csv, json, math, os, re, sys

TOLERANCE = 0.3

def rings(path):
    tokens = re.findall(r'[mz]|-?[0-9.]+(?:e-?[0-9]+)?', path)
    out, ring, x, y, start, i, cmd = [], [], 0.0, 0.0, (0.0, 0.0), 0, None
    while i < len(tokens):
        t = tokens[i]
        if t == 'z':
            if ring: out.append(ring)
            ring, (x, y), i = [], start, i + 1
            continue
        if t == 'm':
            cmd, i = 'm', i + 1
            if ring: out.append(ring)
            x, y = x + float(tokens[i]), y + float(tokens[i + 1])
            start, ring, i = (x, y), [(x, y)], i + 2
            continue
        x, y = x + float(tokens[i]), y + float(tokens[i + 1])
        ring.append((x, y))
        i += 2
    if ring: out.append(ring)
    return out

def simplify(points):
    if len(points) < 4: return points
    def dist(p, a, b):
        if a == b: return math.dist(p, a)
        return abs((b[0]-a[0])*(a[1]-p[1]) - (a[0]-p[0])*(b[1]-a[1])) / math.dist(a, b)
    keep = [False] * len(points); keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        s, e = stack.pop()
        best, index = 0.0, None
        for k in range(s + 1, e):
            d = dist(points[k], points[s], points[e])
            if d > best: best, index = d, k
        if index is not None and best > TOLERANCE:
            keep[index] = True
            stack += [(s, index), (index, e)]
    return [p for p, k in zip(points, keep) if k]

def main():
    source = open(sys.argv[1], encoding='utf-8').read()
    data = json.loads(source[source.index('{'):source.rindex('}') + 1])
    root = os.path.join(os.path.dirname(__file__), '..', 'seed', 'prefectures.csv')
    codes = {r['name_en'].lower(): r['prefecture_code'] for r in csv.DictReader(open(root, encoding='utf-8'))}
    prefectures = []
    for loc in data['locations']:
        parts = []
        for ring in rings(loc['path']):
            pts = simplify([(round(px, 1), round(py, 1)) for px, py in ring])
            if len(pts) < 3: continue
            parts.append('M' + ' '.join(f'{px:g},{py:g}' for px, py in pts) + 'Z')
        prefectures.append({'code': codes[loc['id']], 'path': ''.join(parts)})
    prefectures.sort(key=lambda p: p['code'])
    assert len(prefectures) == 47
    json.dump({
        'source': 'npm package @svg-maps/japan 2.0.0 (https://github.com/VictorCazanave/svg-maps), simplified by scripts/japan-map.py',
        'licence': 'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), (c) Victor Cazanave',
        'viewBox': data['viewBox'],
        'prefectures': prefectures,
    }, sys.stdout, ensure_ascii=False, indent=0)
    sys.stdout.write('\n')

main()
