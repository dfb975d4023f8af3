package com.saleskpi.activity;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of activities, within the caller's scope (CrudService). */
@Singleton
public class ActivityService extends CrudService<Activity> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "activities";

    public ActivityService(CrudSupport support) {
        super(Activity.class, "activity", COLLECTION, support);
    }
}
