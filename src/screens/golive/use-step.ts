// The step of a screen whose actions finish after a wait (a backup, a delete): read through a ref
// by key handlers that outlive a render, and never set after the screen has gone.
import { useEffect, useRef, useState, type MutableRefObject } from 'react';

export interface StepState<S> {
  step: S;
  stepRef: MutableRefObject<S>;
  setStep(s: S): void;
  mounted: MutableRefObject<boolean>;
}

export function useStep<S>(initial: S): StepState<S> {
  const [step, setStepState] = useState<S>(initial);
  const stepRef = useRef<S>(step);
  const mounted = useRef(true);
  useEffect(() => () => {
    mounted.current = false;
  }, []);
  const setStep = (s: S): void => {
    stepRef.current = s;
    if (mounted.current) setStepState(s);
  };
  return { step, stepRef, setStep, mounted };
}
