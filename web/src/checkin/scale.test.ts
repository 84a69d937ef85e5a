import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TRACK_LEFT, TRACK_RIGHT, WIDTH, circleCentres, clampCloseness, keyMove, tickX, valueAtX } from './scale';
import { closenessText, formatDay, formatMinutes, localDay, minutesLabel } from './words';

test('keys move the slider within 1..7, and other keys do nothing', () => {
  assert.equal(keyMove('ArrowRight', 4), 5);
  assert.equal(keyMove('ArrowUp', 4), 5);
  assert.equal(keyMove('ArrowLeft', 4), 3);
  assert.equal(keyMove('ArrowDown', 4), 3);
  assert.equal(keyMove('PageUp', 4), 6);
  assert.equal(keyMove('PageDown', 2), 1, 'stops at the start');
  assert.equal(keyMove('ArrowRight', 7), 7, 'stops at the end');
  assert.equal(keyMove('Home', 5), 1);
  assert.equal(keyMove('End', 2), 7);
  assert.equal(keyMove('Enter', 4), undefined);
  assert.equal(keyMove('a', 4), undefined);
});

test('a point along the track is the nearest value; beyond its ends, the end', () => {
  for (let v = 1; v <= 7; v++) assert.equal(valueAtX(tickX(v)), v);
  assert.equal(tickX(1), TRACK_LEFT);
  assert.equal(tickX(7), TRACK_RIGHT);
  assert.equal(valueAtX(0), 1);
  assert.equal(valueAtX(WIDTH), 7);
  assert.equal(valueAtX(tickX(3) + 10), 3);
  assert.equal(valueAtX(tickX(3) + 20), 4);
  assert.equal(clampCloseness(9), 7);
  assert.equal(clampCloseness(4.4), 4);
});

test('the circles come closer as the value grows, centred and never crossing', () => {
  let last = Infinity;
  for (let v = 1; v <= 7; v++) {
    const [one, two] = circleCentres(v);
    assert.equal(one + two, WIDTH, `centred at ${v}`);
    assert.ok(two - one < last && two > one, `closer at ${v}`);
    last = two - one;
  }
  assert.equal(circleCentres(4)[1] - circleCentres(4)[0], 68, 'just touching in the middle');
});

test('closeness and time in words', () => {
  assert.equal(closenessText(1), '1 of 7: far apart');
  assert.equal(closenessText(4), '4 of 7: close, with room');
  assert.equal(closenessText(7), '7 of 7: as close as can be');
  assert.equal(formatMinutes(0), 'None');
  assert.equal(formatMinutes(1), '1 minute');
  assert.equal(formatMinutes(45), '45 minutes');
  assert.equal(formatMinutes(60), '1 hour');
  assert.equal(formatMinutes(150), '2 hours 30 minutes');
  assert.deepEqual([0, 15, 60, 120].map(minutesLabel), ['None', '15 min', '1 h', '2 h']);
});

test('the day is the device’s own calendar day, and reads the same in every time zone', () => {
  assert.equal(localDay(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
  assert.equal(localDay(new Date(2026, 11, 31, 0, 0)), '2026-12-31');
  const day = formatDay('2026-03-02');
  assert.match(day, /Monday/);
  assert.match(day, /\b2\b/);
  assert.match(day, /March/);
  assert.equal(formatDay('not a day'), 'not a day');
});
