// gjson behaviour facts recorded by a public project that checked its gjson port against the real
// tidwall/gjson (path, input JSON, expected Result.String()). Raw inputs here are not Go-marshaled.
import { describe, expect, it } from 'vitest';
import { gjsonGet } from '../index.ts';

const cases: [path: string, input: string, want: string][] = [
  ['items.#.name', '{"items":[{"name":"a"},{"name":"b"}]}', '["a","b"]'],
  ['items.#.name', '{"items":[{"name":"a"},{"other":1},{"name":null}]}', '["a",null]'],
  ['items.#.meta.id', '{"items":[{"meta":{"id":1}},{"meta":{"id":2}}]}', '[1,2]'],
  ['items.#.name', '{"items":[1,2]}', '[]'],
  ['child*.2', '{"children":["Sara","Alex","Jack"]}', 'Jack'],
  ['c?ildren.0', '{"children":["Sara","Alex"]}', 'Sara'],
  ['的?况.value', '{"的情况":{"value":"matched"}}', 'matched'],
  ['a\\*b', '{"axb":"wrong","a*b":"literal"}', 'literal'],
  ['@key', '{"@key":"value"}', 'value'],
  ['\\@key', '{"@key":"value"}', 'value'],
  ['i*.f*.#(age>=47).name', '{"info":{"friends":[{"name":"Dale","age":44},{"name":"Jane","age":47}]}}', 'Jane'],
  ['!"bar"', '{"ignored":true}', 'bar'],
  ['!{"name":{"first":"Tom"}}.name.first', '{"ignored":true}', 'Tom'],
  ['{name.last,"foo":!"bar"}', '{"name":{"last":"Anderson"}}', '{"last":"Anderson","foo":"bar"}'],
  [
    '[!true,!false,!null,!inf,!nan,!hello,{"name":!"andy",name.last},+inf,!["any","thing"]]',
    '{"name":{"last":"Anderson"}}',
    '[true,false,null,inf,nan,{"name":"andy","last":"Anderson"},["any","thing"]]',
  ],
  ['items.#(status=="ok").name', '{"items":[{"name":"a","status":"bad"},{"name":"b","status":"ok"}]}', 'b'],
  ['items.#(status=="ok")#.name', '{"items":[{"name":"a","status":"ok"},{"name":"b","status":"bad"},{"name":"c","status":"ok"}]}', '["a","c"]'],
  ['items.#(latency>=20).name', '{"items":[{"name":"a","latency":10},{"name":"b","latency":20}]}', 'b'],
  ['items.#(meta).name', '{"items":[{"name":"a"},{"name":"b","meta":null}]}', 'b'],
  ['items.#(==2)', '{"items":[1,2,3]}', '2'],
  ['#(!=)#', '["ig","","tw","fb","tw","ig","tw"]', '["ig","tw","fb","tw","ig","tw"]'],
  ['items.#(name%"*phy").name', '{"items":[{"name":"Craig"},{"name":"Murphy"}]}', 'Murphy'],
  ['items.#(name!%"*phy").name', '{"items":[{"name":"Murphy"},{"name":"Craig"}]}', 'Craig'],
  ['items.#(name%"中?").name', '{"items":[{"name":"中"},{"name":"中文"}]}', '中文'],
  [
    'vals.#(b==~true)#.a',
    '{"vals":[{"a":1,"b":"data"},{"a":2,"b":true},{"a":3,"b":false},{"a":4,"b":"0"},{"a":5,"b":0},{"a":6,"b":"1"},{"a":7,"b":1},{"a":8,"b":"true"},{"a":9,"b":false},{"a":10,"b":null},{"a":11}]}',
    '[2,6,7,8]',
  ],
  ['vals.#(b==~false)#.a', '{"vals":[{"a":1,"b":"data"},{"a":2,"b":true},{"a":3,"b":false},{"a":4,"b":"0"},{"a":5,"b":0},{"a":11}]}', '[3,4,5,11]'],
  ['vals.#(b==~null)#.a', '{"vals":[{"a":1,"b":false},{"a":2,"b":null},{"a":3}]}', '[2,3]'],
  ['vals.#(b!=~*)#.a', '{"vals":[{"a":1,"b":null},{"a":2}]}', '[2]'],
  [
    'friends.#(nets.#(=="fb"))#.first',
    '{"friends":[{"first":"Dale","nets":["ig","fb"]},{"first":"Roger","nets":["fb","tw"]},{"first":"Jane","nets":["ig","tw"]}]}',
    '["Dale","Roger"]',
  ],
  [
    'groups.#(members.#(roles.#(=="admin"))).name',
    '{"groups":[{"name":"viewer","members":[{"roles":["read"]}]},{"name":"owner","members":[{"roles":["read","admin"]}]}]}',
    'owner',
  ],
  ['@this', '{ "hello" : "world", "arr" : [1, 2] }', '{ "hello" : "world", "arr" : [1, 2] }'],
  ['other.@this', '{"other": { "hello" : "world" }}', '{ "hello" : "world" }'],
  ['@ugly', '{ "hello" : "world", "arr" : [1, 2] }', '{"hello":"world","arr":[1,2]}'],
  ['info|friends|0|first', '{"info":{"friends":[{"first":"Dale"},{"first":"Roger"}]}}', 'Dale'],
  ['info.friends|@reverse|0|age', '{"info":{"friends":[{"age":44},{"age":68},{"age":47}]}}', '47'],
  ['@valid', '[ 1, 2 ]', '[ 1, 2 ]'],
  ['@flatten', '[1,[2],[3,4],[5,[6,[7]]],{"hi":"there"},8,[9]]', '[1,2,3,4,5,[6,[7]],{"hi":"there"},8,9]'],
  ['@flatten:{"deep":true}', '[1,[2],[3,4],[5,[6,[7]]],{"hi":"there"},8,[9]]', '[1,2,3,4,5,6,7,{"hi":"there"},8,9]'],
  ['@join', '[{"a":1,"b":1},{"b":2},5,{"c":3}]', '{"a":1,"b":2,"c":3}'],
  ['@join:{"preserve":true}', '[{"a":1,"b":1},{"b":2},5,{"c":3}]', '{"a":1,"b":1,"b":2,"c":3}'],
  ['@join:{"preserve":true}|b', '[{"a":1,"b":1},{"b":2}]', '1'],
  ['@join:{"preserve":true}.b', '[{"a":1,"b":1},{"b":2}]', '1'],
  ['@keys', '{"first":"Tom","last":"Smith"}', '["first","last"]'],
  ['@values|1|code', '{"a":{"code":"A"},"b":{"code":"B"}}', 'B'],
  ['@tostr', '{"id":1023,"name":"alert"}', '{"id":1023,"name":"alert"}'],
  ['@fromstr|id', '"{\\"id\\":1023,\\"name\\":\\"alert\\"}"', '1023'],
  ['@group', '{"id":["123","456","789"],"val":[2,1]}', '[{"id":"123","val":2},{"id":"456","val":1},{"id":"789"}]'],
  ['@dig:name', '{"something":{"anything":{"abcdefg":{"finally":{"important":{"secret":"password","name":"jake"}},"name":"melinda"}}}}', '["melinda","jake"]'],
  ['@dig:user.name', '{"root":{"user":{"name":"first"}},"children":[{"user":{"name":"second"}}]}', '["first","second"]'],
  [
    'group.@dig:#(refid=789)|0.fields.labels.0',
    '{"group":[[{"fields":{"labels":["milestone_1"]},"refid":123}],{"nested":[{"fields":{"labels":["milestone_3"]},"refid":789}]}]}',
    'milestone_3',
  ],
  ['@ugly|#.c.#[a=10.11]', '[{"c":[{"a":10.11}]},{"c":[{"a":11.11}]}]', '[{"a":10.11}]'],
  ['data.#.{q}|@ugly', '{"data":[{"q":11,"w":12},{"q":21,"w":22},{"q":31,"w":32}],"sql":"some stuff here"}', '[{"q":11},{"q":21},{"q":31}]'],
  [
    '{"id":issues.#.id,"plans":issues.#.fields.labels.#(%"plan:*")#|#.#}|@group|#(plans>=2)#.id',
    '{"issues":[{"fields":{"labels":["milestone_1","group:foo","plan:a","plan:b"]},"id":"123"},{"fields":{"labels":["milestone_1","group:foo","plan:a","plan"]},"id":"456"}]}',
    '["123"]',
  ],
  ['items.#(id==2).name', '{"items":[{"id":1,"name":"one"},{"id":2,"name":"two"}],"broken":', 'two'],
];

describe('gjson upstream oracle facts', () => {
  it.each(cases)('%s', (path, input, want) => {
    const r = gjsonGet(input, path);
    expect(r.exists).toBe(true);
    expect(r.string()).toBe(want);
  });
  it('survives malformed paths', () => {
    expect(() => gjsonGet('{"a":{"b":1}}', 'a..b')).not.toThrow();
    expect(() => gjsonGet('{"a":{"b":1}}', 'a(')).not.toThrow();
  });
});
