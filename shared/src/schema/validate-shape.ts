/**
 * A whole document against its kind's shape: every problem, with its place (`messages[3].text`,
 * `channels.general.members.bo`). The server checks changes one by one as they arrive; this checks
 * what a document holds, for tests, tools and other clients.
 */
import * as Y from 'yjs';
import { problem, type Problem } from '../problems.ts';
import { isYMap, sortedKeys } from '../values.ts';
import { fixedRoots, rootShape, type DocumentShape, type MapShape, type Shape } from './shape.ts';

export function validateShape(shape: DocumentShape, doc: Y.Doc): Problem[] {
  const problems: Problem[] = [];
  const roots = fixedRoots(shape);
  const fixed = new Set(roots.map(([name]) => name));
  for (const name of [...doc.share.keys()].sort()) {
    if (fixed.has(name)) continue;
    const family = rootShape(shape, name);
    if (!family) problems.push(problem('unknown-root', name, `unknown root ${JSON.stringify(name)}`));
    else roots.push([name, family]);
  }
  for (const [name, shapeOfRoot] of roots) {
    const root = readRoot(doc, name, shapeOfRoot);
    if (root === undefined) problems.push(problem('wrong-type', name, `must be ${describe(shapeOfRoot)}`));
    else checkNode(shapeOfRoot, root, name, problems, true);
  }
  return problems;
}

function readRoot(doc: Y.Doc, name: string, shape: Shape): unknown {
  try {
    switch (shape.kind) {
      case 'map':
        return doc.getMap(name);
      case 'array':
        return doc.getArray(name);
      case 'text':
        return doc.getText(name);
      case 'xml':
        return doc.getXmlFragment(name);
      case 'value':
        return undefined;
    }
  } catch {
    return undefined; // the root exists as another type
  }
}

function checkNode(shape: Shape, node: unknown, path: string, problems: Problem[], isRoot = false): void {
  switch (shape.kind) {
    case 'value':
      if (node instanceof Y.AbstractType) problems.push(problem('wrong-type', path, 'must be a plain value'));
      else if (shape.check) problems.push(...shape.check(node, path));
      return;
    case 'map':
      if (!isYMap(node)) problems.push(problem('wrong-type', path, `must be ${describe(shape)}`));
      else checkMap(shape, node, path, problems, isRoot);
      return;
    case 'array':
      if (!(node instanceof Y.Array)) problems.push(problem('wrong-type', path, `must be ${describe(shape)}`));
      else node.forEach((item: unknown, index: number) => checkNode(shape.of, item, `${path}[${index}]`, problems));
      return;
    case 'text':
      if (!(node instanceof Y.Text)) problems.push(problem('wrong-type', path, `must be ${describe(shape)}`));
      else if (node.length > shape.maxLength) problems.push(problem('too-long', path, `is longer than ${shape.maxLength} characters`));
      return;
    case 'xml':
      if (!(node instanceof Y.XmlFragment)) problems.push(problem('wrong-type', path, `must be ${describe(shape)}`));
      return;
  }
}

function checkMap(shape: MapShape, map: Y.Map<unknown>, path: string, problems: Problem[], isRoot: boolean): void {
  const entries = shape.entries ?? {};
  // A root map nobody has written to yet is an untouched part of a new document.
  const untouched = isRoot && map.size === 0;
  for (const [key, entry] of Object.entries(entries)) {
    const value = map.get(key);
    if (value !== undefined) checkNode(entry, value, `${path}.${key}`, problems);
    else if (!entry.optional && !untouched) problems.push(problem('missing-key', `${path}.${key}`, `${key} is required`));
  }
  for (const key of sortedKeys(map)) {
    if (Object.hasOwn(entries, key)) continue;
    const where = `${path}.${key}`;
    if (!shape.anyKey) {
      problems.push(problem('unknown-key', where, `unknown key ${JSON.stringify(key)}`));
      continue;
    }
    if (shape.keyPattern && !shape.keyPattern.test(key)) problems.push(problem('invalid-id', where, `${JSON.stringify(key)} is not a valid key here`));
    checkNode(shape.anyKey, map.get(key), where, problems);
  }
}

function describe(shape: Shape): string {
  switch (shape.kind) {
    case 'map':
      return 'a Map';
    case 'array':
      return 'an Array';
    case 'text':
      return 'a Text';
    case 'xml':
      return 'rich text (an XmlFragment)';
    case 'value':
      return 'a plain value';
  }
}
