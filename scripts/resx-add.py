#!/usr/bin/env python3
"""Adds or updates strings in the web app's resource files.

Reads lines of `key<TAB>japanese<TAB>english` from stdin (or files given as arguments) and
writes them into Resources/<Name>.resx (Japanese, the neutral culture) and <Name>.en.resx.
Usage: scripts/resx-add.py [--name SharedResource] < strings.tsv
"""
import sys, os, argparse
import xml.etree.ElementTree as ET

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def load(path):
    entries = {}
    if os.path.exists(path):
        for d in ET.parse(path).getroot().findall('data'):
            v = d.find('value')
            entries[d.get('name')] = v.text or '' if v is not None else ''
    return entries

def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')

def save(path, entries):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(HEADER)
        for k in sorted(entries):
            f.write(f'  <data name="{esc(k)}" xml:space="preserve"><value>{esc(entries[k])}</value></data>\n')
        f.write('</root>\n')

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--name', default='SharedResource')
    ap.add_argument('files', nargs='*')
    a = ap.parse_args()
    base = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'Marketplace.Web', 'Resources')
    os.makedirs(base, exist_ok=True)
    ja_path, en_path = os.path.join(base, a.name + '.resx'), os.path.join(base, a.name + '.en.resx')
    ja, en = load(ja_path), load(en_path)
    lines = []
    for fn in a.files or ['-']:
        lines += (sys.stdin if fn == '-' else open(fn, encoding='utf-8')).read().splitlines()
    n = 0
    for line in lines:
        if not line.strip() or line.startswith('#'):
            continue
        parts = line.split('\t')
        if len(parts) != 3:
            sys.exit(f'bad line (need key<TAB>ja<TAB>en): {line!r}')
        k, j, e = parts
        ja[k], en[k] = j.replace('\\n', '\n'), e.replace('\\n', '\n')
        n += 1
    save(ja_path, ja); save(en_path, en)
    print(f'{n} strings; {len(ja)} keys in {a.name}')

main()
