#!/usr/bin/env python3
# Checks the Flatpak manifest without building it (no network here): it
# parses, names the app id, builds the app's own module last, and keeps to
# least privilege.
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import sys

path, app_id = sys.argv[1], sys.argv[2]
with open(path, encoding='utf-8') as f:
    manifest = json.load(f)

problems = []
if manifest.get('app-id', manifest.get('id')) != app_id:
    problems.append(f'app-id is not {app_id}')
if manifest.get('command') != 'undersigned':
    problems.append('command is not undersigned')
if not manifest.get('runtime', '').startswith('org.gnome.Platform'):
    problems.append('runtime is not the GNOME platform')
modules = manifest.get('modules', [])
names = [m.get('name') if isinstance(m, dict) else m for m in modules]
if not names or names[-1] != 'undersigned':
    problems.append('the last module must be the app itself, "undersigned"')
app = modules[-1] if modules and isinstance(modules[-1], dict) else {}
if app.get('buildsystem') != 'meson':
    problems.append('the undersigned module must build with meson')
args = manifest.get('finish-args', [])
for arg in args:
    if arg.startswith('--filesystem'):
        problems.append(f'{arg}: files go through the portal, not host access')
for needed in ('--share=network', '--socket=wayland', '--socket=fallback-x11'):
    if needed not in args:
        problems.append(f'{needed} missing from finish-args')

for p in problems:
    print(f'{path}: {p}', file=sys.stderr)
sys.exit(1 if problems else 0)
