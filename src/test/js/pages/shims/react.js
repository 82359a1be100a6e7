// The page loaded React's UMD build, which defines window.React; this lets modules that import
// the bare name 'react' (through the page's import map) use that same copy, without a bundler.
const React = globalThis.React;
if (!React) throw new Error('load node_modules/react/umd/react.development.js before any module');

export default React;
export const {
  Children, Component, Fragment, PureComponent, StrictMode, Suspense, cloneElement, createContext,
  createElement, createRef, forwardRef, isValidElement, lazy, memo, startTransition, useCallback,
  useContext, useDebugValue, useDeferredValue, useEffect, useId, useImperativeHandle,
  useInsertionEffect, useLayoutEffect, useMemo, useReducer, useRef, useState,
  useSyncExternalStore, useTransition, version,
} = React;
