import { describe, expect, it } from 'vitest';
import { aboutCandidate } from './interviewerWording.ts';

describe('verdicts worded for the interviewer', () => {
  it('speaks about the candidate and leaves their quoted words alone', () => {
    expect(aboutCandidate('Exit code: you wrote "you see, your pod exits 137", but before seeing the exit code in your terminal (half credit)'))
      .toBe('Exit code: the candidate wrote "you see, your pod exits 137", but before seeing the exit code in the candidate\'s terminal (half credit)');
    expect(aboutCandidate('Your answer reads as a list of terms, not an explanation: its ideas earn 50% of their weight.')).toBe('The answer reads as a list of terms, not an explanation: its ideas earn 50% of their weight.');
    expect(aboutCandidate('Order: you cordoned before you read the logs (worth 5)')).toBe('Order: the candidate cordoned before they read the logs (worth 5)');
    expect(aboutCandidate('You rejected the weak answer More replicas: "not more replicas" reads as refuting it, so it costs nothing.')).toBe('The candidate rejected the weak answer More replicas: "not more replicas" reads as refuting it, so it costs nothing.');
    expect(aboutCandidate('Hint used (−5)')).toBe('Hint used (−5)');
  });
});
